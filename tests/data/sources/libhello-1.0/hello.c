#include "hello.h"

int hello_add(int a, int b) { return a + b; }

const char* hello_version(void) { return "1.0"; }
