#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <hello.h>

static PyObject* add(PyObject* self, PyObject* args) {
    int a, b;
    if (!PyArg_ParseTuple(args, "ii", &a, &b)) return NULL;
    return PyLong_FromLong(hello_add(a, b));
}

static PyObject* version(PyObject* self, PyObject* noargs) { return PyUnicode_FromString(hello_version()); }

static PyMethodDef methods[] = {
    {"add", add, METH_VARARGS, "Adds two integers in C."},
    {"version", version, METH_NOARGS, "libhello's version."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_hello", NULL, -1, methods};

PyMODINIT_FUNC PyInit__hello(void) { return PyModule_Create(&module); }
