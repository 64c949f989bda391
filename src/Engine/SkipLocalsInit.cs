// The replay keeps event structs on the stack; zeroing them for every event is wasted work, since each is fully
// written before it is read (the compiler checks definite assignment).
[module: System.Runtime.CompilerServices.SkipLocalsInit]
