int wb_provided(int x) { return x * 2; }
