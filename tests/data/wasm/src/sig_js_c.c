/* Declares a JS-provided runtime function with the wrong signature (the real one is double(void)). */
long long emscripten_get_now(int);
long long wb_wrong_js_sig(int v) { return emscripten_get_now(v); }
