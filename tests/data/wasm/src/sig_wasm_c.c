/* Declares a runtime (wasm-exported) function with the wrong signature. */
void* PyLong_FromLong(double v);
void* wb_wrong_sig(double v) { return PyLong_FromLong(v); }
