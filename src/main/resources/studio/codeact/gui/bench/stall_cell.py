# The stall benchmark's cell: busy for BENCH_SECONDS (the benchmark sets it), printing as it goes.
t = time.time(); n = 0
while time.time() - t < BENCH_SECONDS:
    n += 1
    if n % 200000 == 0:
        print('iterations', n)
n
