#include <stdio.h>
#include <hello.h>

/* Formats "hello <n>" where n is computed by libhello: proves the dependency's headers and
   library are visible to dependents. */
int greet(char* out, int size, int a, int b) { return snprintf(out, size, "hello %d", hello_add(a, b)); }
