import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** What LiveTokenHashes holds per token: a Long in a concurrent set, measured after GC. */
public class LiveTokenHashesMemory {
	static long used() {
		for (int i = 0; i < 5; i++) { System.gc(); try { Thread.sleep(100); } catch (InterruptedException e) { } }
		Runtime r = Runtime.getRuntime();
		return r.totalMemory() - r.freeMemory();
	}
	public static void main(String[] args) {
		int n = Integer.parseInt(args[0]);
		long before = used();
		Set<Long> set = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < n; i++) set.add(ThreadLocalRandom.current().nextLong());
		long after = used();
		System.out.printf("%d prefixes: %.1f MB, %.1f bytes each%n", set.size(), (after - before) / 1e6, (after - before) / (double) n);
	}
}
