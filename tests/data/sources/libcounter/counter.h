/* One counter per process: every module that links libcounter.so shares it when the library is
   loaded once. */
int counter_next(void);
