package fr.regie.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The rate limiter's buckets stay within their bound, and dropping one never frees a caller early. */
class RateBucketsTest {
    static final long SECOND = 1_000_000_000L;

    final AtomicLong now = new AtomicLong(0);
    final RateBuckets buckets = new RateBuckets(100, now::get);

    @Test
    void moreCallersThanTheBoundKeepTheMapAtItsBound() {
        for (int i = 0; i < 10_000; i++) {
            buckets.take("ip:10.0." + (i / 256) + "." + (i % 256), 600);
            now.addAndGet(1_000);
            assertTrue(buckets.size() <= 100, "held " + buckets.size() + " after " + (i + 1) + " callers");
        }
    }

    @Test
    void bucketsIdleForAMinuteAreDropped() {
        for (int i = 0; i < 50; i++) {
            buckets.take("caller-" + i, 600);
        }
        assertEquals(50, buckets.size());
        now.addAndGet(RateBuckets.IDLE_NANOS + SECOND);
        buckets.take("newcomer", 600);
        assertEquals(1, buckets.size(), "only the newcomer is left");
    }

    @Test
    void aBusyCallerKeepsItsBucketWhileNewcomersFloodTheMap() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, buckets.take("busy", 5));
        }
        assertTrue(buckets.take("busy", 5) > 0, "out of tokens");
        for (int i = 0; i < 1_000; i++) {
            buckets.take("flood-" + i, 600);
            now.addAndGet(1_000);
            assertTrue(buckets.take("busy", 5) > 0, "the busy caller got a fresh bucket after " + i + " newcomers");
        }
    }

    @Test
    void aCallerDroppedAfterAMinuteComesBackWithAFullBucketAsItWouldHaveAnyway() {
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("quiet", 3));
        }
        long wait = buckets.take("quiet", 3);
        assertTrue(wait >= 1 && wait <= 20, "a token every 20 s: " + wait);
        now.addAndGet(RateBuckets.IDLE_NANOS);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, buckets.take("quiet", 3), "refilled after a minute");
        }
    }

    @Test
    void anIpv6ClientCountsByItsNetwork() {
        assertEquals(RateLimitFilter.network("2001:db8:1:2:aaaa::1"), RateLimitFilter.network("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
        assertTrue(!RateLimitFilter.network("2001:db8:1:2::1").equals(RateLimitFilter.network("2001:db8:1:3::1")));
        assertEquals("192.0.2.7", RateLimitFilter.network("192.0.2.7"));
    }
}
