int wb_not_in_any_runtime(int);
int wb_call_missing(int x) { return wb_not_in_any_runtime(x) + 1; }
