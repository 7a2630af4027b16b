# An arithmetic grammar with infix_notation.
import pyparsing as pp

integer = pp.pyparsing_common.integer
expr = pp.infix_notation(integer, [(pp.one_of("* /"), 2, pp.OpAssoc.LEFT), (pp.one_of("+ -"), 2, pp.OpAssoc.LEFT)])
assert expr.parse_string("1 + 2 * 3", parse_all=True).as_list() == [[1, "+", [2, "*", 3]]]
try:
    expr.parse_string("1 +", parse_all=True)
except pp.ParseException:
    pass
else:
    raise AssertionError("incomplete expression accepted")
print("pyparsing", pp.__version__, "ok")
