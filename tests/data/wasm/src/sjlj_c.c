#include <setjmp.h>
static jmp_buf env;
static void jump(int v) { longjmp(env, v); }
int wb_sjlj(int v) {
    int r = setjmp(env);
    if (r == 0) jump(v + 1);
    return r;
}
