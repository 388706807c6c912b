// parley-bench: release-mode benchmarks. Run with `swift run -c release parley-bench`.
print("parley-bench: no scenarios yet")
