#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double wb_hypot_sum(double a, double b) { return sqrt(a * a + b * b) + pow(a, b) + sin(a); }

long long wb_now(void) { return (long long)time(NULL); }

int wb_format(char* out, int n, int v) {
    char* tmp = malloc(64);
    snprintf(tmp, 64, "value=%d", v);
    strncpy(out, tmp, n);
    free(tmp);
    return (int)strlen(out);
}
