#include <pthread.h>
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
int wb_bump(void) {
    pthread_mutex_lock(&lock);
    int v = ++counter;
    pthread_mutex_unlock(&lock);
    return v;
}
