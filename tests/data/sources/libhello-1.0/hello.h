#ifndef HELLO_H
#define HELLO_H
int hello_add(int a, int b);
const char* hello_version(void);
#endif
