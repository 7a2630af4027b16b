# Autoescaping goes through markupsafe (our build, with its C speedups).
import jinja2
import markupsafe

env = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader({
    "base": "<ul>{% for x in items %}<li>{{ x|upper }}</li>{% endfor %}</ul>{% block b %}{% endblock %}",
    "page": "{% extends 'base' %}{% block b %}{{ title }}{% endblock %}",
}))
out = env.get_template("page").render(items=["a", "<b>"], title="<script>")
assert out == "<ul><li>A</li><li>&lt;B&gt;</li></ul>&lt;script&gt;", out
assert isinstance(jinja2.utils.markupsafe.Markup("x"), markupsafe.Markup)
print("jinja2", jinja2.__version__, "ok")
