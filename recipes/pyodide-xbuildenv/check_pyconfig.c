/* Compile-time checks of the regenerated pyconfig.h against the wasm32 target:
   emcc -fsyntax-only -fPIC -fwasm-exceptions -sSUPPORT_LONGJMP=wasm -I<xbuildenv>/include/python3.X check_pyconfig.c */
#include <Python.h>
#include <time.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <wchar.h>

_Static_assert(SIZEOF_LONG == 4 && SIZEOF_LONG == sizeof(long), "long");
_Static_assert(SIZEOF_VOID_P == 4 && SIZEOF_VOID_P == sizeof(void *), "void*");
_Static_assert(SIZEOF_SIZE_T == 4 && SIZEOF_SIZE_T == sizeof(size_t), "size_t");
_Static_assert(SIZEOF_TIME_T == 8 && SIZEOF_TIME_T == sizeof(time_t), "time_t");
_Static_assert(SIZEOF_LONG_DOUBLE == 16 && SIZEOF_LONG_DOUBLE == sizeof(long double), "long double");
_Static_assert(SIZEOF_INT == sizeof(int), "int");
_Static_assert(SIZEOF_SHORT == sizeof(short), "short");
_Static_assert(SIZEOF_LONG_LONG == sizeof(long long), "long long");
_Static_assert(SIZEOF_DOUBLE == sizeof(double) && SIZEOF_FLOAT == sizeof(float), "float/double");
_Static_assert(SIZEOF_OFF_T == sizeof(off_t) && SIZEOF_OFF_T == 8, "off_t");
_Static_assert(SIZEOF_FPOS_T == sizeof(fpos_t), "fpos_t");
_Static_assert(SIZEOF_PID_T == sizeof(pid_t), "pid_t");
_Static_assert(SIZEOF_WCHAR_T == sizeof(wchar_t) && SIZEOF_WCHAR_T == 4, "wchar_t");
_Static_assert(SIZEOF_UINTPTR_T == sizeof(uintptr_t), "uintptr_t");
_Static_assert(SIZEOF_PTHREAD_T == sizeof(pthread_t), "pthread_t");
_Static_assert(SIZEOF__BOOL == sizeof(_Bool), "_Bool");
_Static_assert(ALIGNOF_LONG == _Alignof(long) && ALIGNOF_SIZE_T == _Alignof(size_t), "align");
_Static_assert(ALIGNOF_MAX_ALIGN_T == _Alignof(max_align_t), "max_align_t");
_Static_assert(PYLONG_BITS_IN_DIGIT == 30 && PyLong_SHIFT == 30, "digit");
_Static_assert(sizeof(Py_ssize_t) == 4 && sizeof(Py_hash_t) == 4, "Py_ssize_t");
_Static_assert(sizeof(digit) == 4, "digit type");
#if defined(WORDS_BIGENDIAN) || defined(Py_GIL_DISABLED) || defined(Py_DEBUG) || defined(Py_TRACE_REFS)
#error "unexpected configuration"
#endif
#if !defined(__EMSCRIPTEN__) || !defined(__wasm32__)
#error "not emscripten wasm32"
#endif
#ifdef WITH_PYMALLOC
#error "Pyodide is configured --without-pymalloc"
#endif
int dummy;
