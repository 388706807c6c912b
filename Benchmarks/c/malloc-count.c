// An LD_PRELOAD library that counts heap allocations (malloc, calloc, realloc, posix_memalign,
// aligned_alloc) of the process it is loaded into and writes the count to the file named by
// PARLEY_MALLOC_COUNT_FILE when the process exits or receives SIGTERM. Used by costs.sh.
//
//   gcc -O2 -shared -fPIC -o malloc-count.so malloc-count.c -ldl
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_long allocations;
static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void (*real_free)(void *);

// dlsym itself may allocate before the real functions are known: serve those from a small arena.
static char bootstrap[65536];
static size_t bootstrap_used;
static void *bootstrap_alloc(size_t size) {
  size_t rounded = (size + 15) & ~(size_t)15;
  if (bootstrap_used + rounded > sizeof bootstrap) return NULL;
  void *memory = bootstrap + bootstrap_used;
  bootstrap_used += rounded;
  return memory;
}
static int from_bootstrap(void *memory) {
  return (char *)memory >= bootstrap && (char *)memory < bootstrap + sizeof bootstrap;
}

void *malloc(size_t size) {
  if (!real_malloc) real_malloc = dlsym(RTLD_NEXT, "malloc");
  if (!real_malloc) return bootstrap_alloc(size);
  atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
  return real_malloc(size);
}

void *calloc(size_t count, size_t size) {
  if (!real_calloc) real_calloc = dlsym(RTLD_NEXT, "calloc");
  if (!real_calloc) return bootstrap_alloc(count * size);  // zeroed: static storage
  atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
  return real_calloc(count, size);
}

void *realloc(void *memory, size_t size) {
  if (!real_realloc) real_realloc = dlsym(RTLD_NEXT, "realloc");
  atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
  return real_realloc(memory, size);
}

int posix_memalign(void **memory, size_t alignment, size_t size) {
  if (!real_posix_memalign) real_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
  atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
  return real_posix_memalign(memory, alignment, size);
}

void *aligned_alloc(size_t alignment, size_t size) {
  if (!real_aligned_alloc) real_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
  atomic_fetch_add_explicit(&allocations, 1, memory_order_relaxed);
  return real_aligned_alloc(alignment, size);
}

void free(void *memory) {
  if (from_bootstrap(memory)) return;
  if (!real_free) real_free = dlsym(RTLD_NEXT, "free");
  real_free(memory);
}

static void report(void) {
  const char *path = getenv("PARLEY_MALLOC_COUNT_FILE");
  if (!path) return;
  FILE *file = fopen(path, "w");
  if (!file) return;
  fprintf(file, "%ld\n", (long)atomic_load(&allocations));
  fclose(file);
}

static void on_term(int signal_number) {
  (void)signal_number;
  report();
  _exit(0);
}

__attribute__((constructor)) static void install(void) { signal(SIGTERM, on_term); }
__attribute__((destructor)) static void finish(void) { report(); }
