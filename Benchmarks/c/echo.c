// Minimal echo over a Unix socket or TCP loopback with 4-byte big-endian length-prefixed frames:
// the physical limit the other implementations are compared against.
//
//   echo server (--unix PATH | --tcp HOST:PORT)     prints "ready unix:PATH" / "ready tcp:HOST:PORT"
//   echo client --endpoint (unix:PATH | tcp:HOST:PORT) [--in-flight N] [--warmup S] [--duration S]
//               [--payload BYTES]
//
// The client keeps N frames in flight on one connection (N = 1: sequential), batches the frames it
// sends after each read, and prints one JSON line: calls, seconds, p50/p99/p99.9 in microseconds.
// Calls completed during the warm-up are not counted.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) {
  fprintf(stderr, "echo: %s: %s\n", what, strerror(errno));
  exit(1);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int write_all(int fd, const uint8_t *bytes, size_t count) {
  while (count > 0) {
    ssize_t n = write(fd, bytes, count);
    if (n < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    bytes += n;
    count -= (size_t)n;
  }
  return 0;
}

static uint32_t frame_length(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

enum { BUFFER = 1 << 20 };

// MARK: Server

static void *serve_connection(void *argument) {
  int fd = (int)(intptr_t)argument;
  uint8_t *buffer = malloc(BUFFER);
  if (!buffer) die("malloc");
  size_t used = 0;
  for (;;) {
    ssize_t n = read(fd, buffer + used, BUFFER - used);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    used += (size_t)n;
    // Echo every complete frame in one write; keep the partial tail.
    size_t complete = 0;
    while (used - complete >= 4) {
      size_t length = frame_length(buffer + complete);
      if (length > BUFFER - 4) goto done;
      if (used - complete < 4 + length) break;
      complete += 4 + length;
    }
    if (complete > 0) {
      if (write_all(fd, buffer, complete) < 0) break;
      memmove(buffer, buffer + complete, used - complete);
      used -= complete;
    }
  }
done:
  free(buffer);
  close(fd);
  return NULL;
}

static int listen_on(const char *kind, const char *address) {
  int fd;
  if (strcmp(kind, "--unix") == 0) {
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    if (strlen(address) >= sizeof(sun.sun_path)) {
      fprintf(stderr, "echo: socket path too long\n");
      exit(2);
    }
    strcpy(sun.sun_path, address);
    unlink(address);
    if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0) die("socket");
    if (bind(fd, (struct sockaddr *)&sun, sizeof sun) < 0) die("bind");
    if (listen(fd, 128) < 0) die("listen");
    printf("ready unix:%s\n", address);
  } else {
    char host[64];
    const char *colon = strrchr(address, ':');
    if (!colon || (size_t)(colon - address) >= sizeof host) {
      fprintf(stderr, "echo: expected HOST:PORT\n");
      exit(2);
    }
    memcpy(host, address, (size_t)(colon - address));
    host[colon - address] = 0;
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
    if (inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
      fprintf(stderr, "echo: bad IPv4 host %s\n", host);
      exit(2);
    }
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0) die("socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&sin, sizeof sin) < 0) die("bind");
    if (listen(fd, 128) < 0) die("listen");
    socklen_t length = sizeof sin;
    getsockname(fd, (struct sockaddr *)&sin, &length);
    printf("ready tcp:%s:%d\n", host, ntohs(sin.sin_port));
  }
  fflush(stdout);
  return fd;
}

static int server(const char *kind, const char *address) {
  int listener = listen_on(kind, address);
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) {
      if (errno == EINTR) continue;
      die("accept");
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // fails harmlessly on Unix sockets
    pthread_t thread;
    if (pthread_create(&thread, NULL, serve_connection, (void *)(intptr_t)fd) != 0) die("pthread_create");
    pthread_detach(thread);
  }
  return 0;
}

// MARK: Client

static int connect_to(const char *endpoint) {
  int fd;
  if (strncmp(endpoint, "unix:", 5) == 0) {
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    if (strlen(endpoint + 5) >= sizeof(sun.sun_path)) {
      fprintf(stderr, "echo: socket path too long\n");
      exit(2);
    }
    strcpy(sun.sun_path, endpoint + 5);
    if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0) die("socket");
    if (connect(fd, (struct sockaddr *)&sun, sizeof sun) < 0) die("connect");
  } else if (strncmp(endpoint, "tcp:", 4) == 0) {
    char host[64];
    const char *address = endpoint + 4, *colon = strrchr(address, ':');
    if (!colon || (size_t)(colon - address) >= sizeof host) {
      fprintf(stderr, "echo: expected tcp:HOST:PORT\n");
      exit(2);
    }
    memcpy(host, address, (size_t)(colon - address));
    host[colon - address] = 0;
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
    if (inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
      fprintf(stderr, "echo: bad IPv4 host %s\n", host);
      exit(2);
    }
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0) die("socket");
    if (connect(fd, (struct sockaddr *)&sin, sizeof sin) < 0) die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  } else {
    fprintf(stderr, "echo: endpoint must start with unix: or tcp:\n");
    exit(2);
  }
  return fd;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int client(const char *endpoint, int in_flight, double warmup, double duration, int payload) {
  int fd = connect_to(endpoint);
  size_t frame = 4 + (size_t)payload;
  uint8_t *out = malloc(frame * (size_t)in_flight), *in = malloc(BUFFER);
  double *sent = malloc(sizeof(double) * (size_t)in_flight);  // send times, a ring in call order
  size_t capacity = 1 << 20, recorded = 0, total = 0;
  double *latencies = malloc(sizeof(double) * capacity);
  if (!out || !in || !sent || !latencies) die("malloc");
  uint8_t prototype[4 + 65536];
  if (payload > 65536) payload = 65536;
  prototype[0] = (uint8_t)(payload >> 24), prototype[1] = (uint8_t)(payload >> 16);
  prototype[2] = (uint8_t)(payload >> 8), prototype[3] = (uint8_t)payload;
  for (int i = 0; i < payload; i++) prototype[4 + i] = (uint8_t)('a' + i % 26);

  double start = now(), measure_from = start + warmup, measure_to = measure_from + duration;
  int head = 0, outstanding = 0;
  // Fill the window.
  for (int i = 0; i < in_flight; i++) memcpy(out + (size_t)i * frame, prototype, frame);
  double t = now();
  for (int i = 0; i < in_flight; i++) sent[i] = t;
  if (write_all(fd, out, frame * (size_t)in_flight) < 0) die("write");
  outstanding = in_flight;
  size_t used = 0;
  while (outstanding > 0) {
    ssize_t n = read(fd, in + used, BUFFER - used);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) die("read");
    used += (size_t)n;
    size_t offset = 0;
    int replies = 0;
    t = now();
    while (used - offset >= 4) {
      size_t length = frame_length(in + offset);
      if (used - offset < 4 + length) break;
      offset += 4 + length;
      double latency = t - sent[head];
      if (t >= measure_from && t < measure_to) {
        if (recorded == capacity) {
          capacity *= 2;
          latencies = realloc(latencies, sizeof(double) * capacity);
          if (!latencies) die("realloc");
        }
        latencies[recorded++] = latency;
      }
      head = (head + 1) % in_flight;
      outstanding--;
      total++;
      replies++;
    }
    memmove(in, in + offset, used - offset);
    used -= offset;
    if (t < measure_to && replies > 0) {
      // Refill the window with one write; the new calls take the freed ring slots in order.
      int tail = (head + outstanding) % in_flight;
      for (int i = 0; i < replies; i++) sent[(tail + i) % in_flight] = t;
      if (write_all(fd, out, frame * (size_t)replies) < 0) die("write");
      outstanding += replies;
    }
  }
  close(fd);
  qsort(latencies, recorded, sizeof(double), compare_doubles);
#define AT(q) (recorded ? latencies[(size_t)((double)(recorded - 1) * (q))] * 1e6 : 0)
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  double cpu = (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 + (double)usage.ru_stime.tv_sec +
               (double)usage.ru_stime.tv_usec / 1e6;
  printf("{\"calls\":%zu,\"seconds\":%.6f,\"p50\":%.2f,\"p99\":%.2f,\"p999\":%.2f,\"totalCalls\":%zu,"
         "\"cpuSeconds\":%.3f}\n",
         recorded, duration, AT(0.5), AT(0.99), AT(0.999), total, cpu);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "server") == 0) return server(argv[2], argv[3]);
  if (argc >= 2 && strcmp(argv[1], "client") == 0) {
    const char *endpoint = NULL;
    int in_flight = 1, payload = 64;
    double warmup = 1, duration = 3;
    for (int i = 2; i + 1 < argc; i += 2) {
      if (strcmp(argv[i], "--endpoint") == 0) endpoint = argv[i + 1];
      else if (strcmp(argv[i], "--in-flight") == 0) in_flight = atoi(argv[i + 1]);
      else if (strcmp(argv[i], "--warmup") == 0) warmup = atof(argv[i + 1]);
      else if (strcmp(argv[i], "--duration") == 0) duration = atof(argv[i + 1]);
      else if (strcmp(argv[i], "--payload") == 0) payload = atoi(argv[i + 1]);
    }
    if (!endpoint || in_flight < 1 || payload < 0) {
      fprintf(stderr, "echo: client needs --endpoint, --in-flight >= 1\n");
      return 2;
    }
    return client(endpoint, in_flight, warmup, duration, payload);
  }
  fprintf(stderr,
          "usage: echo server (--unix PATH | --tcp HOST:PORT)\n"
          "       echo client --endpoint ENDPOINT [--in-flight N] [--warmup S] [--duration S] [--payload B]\n");
  return 2;
}
