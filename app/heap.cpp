#include "heap.h"

#include <cstdlib> // defines __GLIBC__ when the C library is glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void Heap::returnFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
