// Everything lives in include/CParleyEpoll.h (static inline); SwiftPM needs one source file.
#include "CParleyEpoll.h"
