// CParleyEpoll: the Linux readiness primitives Swift's Glibc module does not export
// (epoll, eventfd), as small static inline wrappers. Empty on other platforms, so the package
// still builds on Darwin (which uses poll(2) there).
#ifndef CPARLEY_EPOLL_H
#define CPARLEY_EPOLL_H

#ifdef __linux__
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

/// Readiness bits, as plain constants Swift can read.
static const uint32_t cparley_epoll_in = EPOLLIN;
static const uint32_t cparley_epoll_out = EPOLLOUT;
static const uint32_t cparley_epoll_err = EPOLLERR;
static const uint32_t cparley_epoll_hup = EPOLLHUP;
static const uint32_t cparley_epoll_rdhup = EPOLLRDHUP;

/// A new epoll instance (close-on-exec), or -1 with errno set.
static inline int cparley_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

/// Adds (op 1), modifies (op 2) or removes (op 3) `fd` with the interest `events`; the
/// descriptor itself is the event's data. Returns 0 or -1 with errno set.
static inline int cparley_epoll_ctl(int epfd, int op, int fd, uint32_t events) {
  struct epoll_event event;
  event.events = events;
  event.data.u64 = 0;
  event.data.fd = fd;
  int operation = op == 1 ? EPOLL_CTL_ADD : (op == 2 ? EPOLL_CTL_MOD : EPOLL_CTL_DEL);
  return epoll_ctl(epfd, operation, fd, &event);
}

/// One ready descriptor and its readiness bits.
typedef struct {
  int32_t fd;
  uint32_t events;
} cparley_ready_event;

/// Waits up to `timeout_ms` (-1: forever) and writes at most `capacity` ready descriptors to
/// `out`. Returns their count, or -1 with errno set. `scratch` must hold `capacity`
/// `struct epoll_event`s (see `cparley_epoll_event_size`).
static inline int cparley_epoll_wait(
    int epfd, void *scratch, cparley_ready_event *out, int capacity, int timeout_ms) {
  struct epoll_event *events = (struct epoll_event *)scratch;
  int count = epoll_wait(epfd, events, capacity, timeout_ms);
  for (int i = 0; i < count; i++) {
    out[i].fd = events[i].data.fd;
    out[i].events = events[i].events;
  }
  return count;
}

/// The size of one `struct epoll_event` (packed on x86-64), for sizing `scratch`.
static inline int cparley_epoll_event_size(void) { return (int)sizeof(struct epoll_event); }

/// A new non-blocking, close-on-exec eventfd (counter 0), or -1 with errno set.
static inline int cparley_eventfd_create(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

#endif  // __linux__
#endif  // CPARLEY_EPOLL_H
