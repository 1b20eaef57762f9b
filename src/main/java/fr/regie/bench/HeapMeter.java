package fr.regie.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap use during one measured phase, three ways. {@link #peakBytes()}: the fullest the heap got,
 * read from each collection's "before" figures (the heap is fullest just before one).
 * {@link #poolPeaksBytes()}: the sum of each heap pool's own peak, an upper bound, since pools
 * peak at different moments. {@link #liveBytes()}: heap in use right after a full collection
 * forced in mid-phase by {@link #probeLive()}, which is what the code really holds while it streams.
 */
final class HeapMeter implements AutoCloseable {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> poolNames = pools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong maxBeforeGc = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong(-1);
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onGc;
    private long live = -1;

    private HeapMeter() {}

    /** Collects garbage left by earlier phases, resets the pools' peaks and starts listening. */
    static HeapMeter start() {
        HeapMeter m = new HeapMeter();
        System.gc();
        m.pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(m.listener, null, null);
                m.emitters.add(e);
            }
        }
        return m;
    }

    /** Forces a full collection and records the heap left; costs a few tens of milliseconds, once per phase. */
    void probeLive() {
        System.gc();
        live = Math.max(live, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    long peakBytes() {
        long now = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        return Math.max(maxBeforeGc.get(), now);
    }

    long poolPeaksBytes() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /**
     * The fullest the heap was right after a collection, or -1 when none ran: an upper bound of
     * what the code held (a young collection leaves the old generation's garbage in place).
     */
    long maxAfterGcBytes() {
        return maxAfterGc.get();
    }

    /** The heap after the mid-phase full collection, or -1 when the phase ended before it. */
    long liveBytes() {
        return live;
    }

    private void onGc(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        maxBeforeGc.accumulateAndGet(heap(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        maxAfterGc.accumulateAndGet(heap(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private long heap(Map<String, MemoryUsage> usage) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
            if (poolNames.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        return used;
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ex) {
                // Never added: nothing to remove.
            }
        }
    }
}
