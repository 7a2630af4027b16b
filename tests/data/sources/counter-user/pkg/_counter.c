#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "counter.h"

static PyObject *next_value(PyObject *self, PyObject *unused) { return PyLong_FromLong(counter_next()); }

static PyMethodDef methods[] = {
    {"next_value", next_value, METH_NOARGS, "The shared counter's next value."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_counter", NULL, -1, methods};

PyMODINIT_FUNC PyInit__counter(void) { return PyModule_Create(&module); }
