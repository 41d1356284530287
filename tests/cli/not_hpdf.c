/* A library named as libharu that holds none of its functions: fsdecl must say so, not crash. */
int fsdecl_not_libharu;
