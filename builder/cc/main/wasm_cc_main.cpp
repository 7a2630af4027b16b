// wasm-cc: the compiler front end a wasm-build puts first on PATH (see builder/cc/frontend.hpp).
#include "cc/frontend.hpp"

int main(int argc, char** argv) { return wb::cc::wasm_cc_main(argc, argv); }
