int wb_provided(int);
int wb_use_provided(int x) { return wb_provided(x) + 1; }
