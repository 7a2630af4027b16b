# kiwisolver has no pure-Python fallback: the solver is the C++ extension (_cext).
import kiwisolver
from kiwisolver import _cext

x, y = kiwisolver.Variable("x"), kiwisolver.Variable("y")
solver = kiwisolver.Solver()
solver.addConstraint(x + y == 20)
solver.addConstraint((x >= 2 * y) | "strong")
solver.addConstraint(x <= 12)
solver.updateVariables()
assert (x.value(), y.value()) == (12.0, 8.0), (x.value(), y.value())
assert kiwisolver.Solver is _cext.Solver
print("kiwisolver", kiwisolver.__version__, "solver from", _cext.__file__)
