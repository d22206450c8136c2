package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.allot.sim.bench.SimulatorBench;
import dev.allot.sim.policy.SharingPolicies;
import dev.allot.sim.trace.SyntheticTrace;
import dev.allot.sim.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Speed work on the simulator must not change a single start or finish: every job's start and finish time (bit for
 * bit), the preemptions and rejections of generated traces, under every policy and backfill mode, hash to the values
 * recorded before the work (from a build of the code before it, printed by this test with
 * {@code -Dallot.printScheduleHashes=true}). A changed hash means a changed schedule, not a slower one.
 */
class ScheduleHashTest {
    /** Recorded on the code before the fair-share running total and strict's smallest-job test. */
    private static final Map<String, String> RECORDED = Map.ofEntries(
            Map.entry("fairshare/easy/15 projects", "7b6be61d3cade998 61a1794cf656cc50 69c82a5ec8a4ff23"),
            Map.entry("fairshare/easy/5 projects", "1d0c23c8097b3cb4 d473af2793ff17a7 21475774fcfaf7fa"),
            Map.entry("fairshare/easy/60 projects", "843598c4eea8bd39 d337a824806ef0f9 b0cbc28e535bd0b0"),
            Map.entry("fairshare/full/15 projects", "79a3cd9ee4e45215 de828ae7db34363 de2460f2e5cb0e05"),
            Map.entry("fairshare/full/5 projects", "60c4b676ac44a6d8 7f9e01452fcbe4ed f30296d4a3b41448"),
            Map.entry("fairshare/full/60 projects", "bed9c4e815966d59 2b401afc0cf7ecc6 c8ec782fdf3293b6"),
            Map.entry("fairshare/none/15 projects", "d59d8287a90332f1 26982cfac76a50b4 9ffb18a6aae52cef"),
            Map.entry("fairshare/none/5 projects", "dd70239432f6241b 2811620a2ea00be4 c62f0a2c592bba53"),
            Map.entry("fairshare/none/60 projects", "d9f3efd4479322a8 dc8db80eb0743e6a a55dd74bc10964d3"),
            Map.entry("lending-relations/easy/15 projects", "e104660d8def179c abdf12611da0ac20 78ea385f070f51ce"),
            Map.entry("lending-relations/easy/5 projects", "e7fa86c597c04f0b 4d0d4c48706405ef dbe4550e6d9406d4"),
            Map.entry("lending-relations/easy/60 projects", "46ba1fa131f3e3b8 445fbe237ff985d5 912a4c1ce0ecb8e6"),
            Map.entry("lending-relations/full/15 projects", "6606c3070a5f6ca 9c07104cf5c38c06 5f0326be0a43670"),
            Map.entry("lending-relations/full/5 projects", "bfef7ed91bf0f0af e56e733b1d81996f 8b96af257d4379cd"),
            Map.entry("lending-relations/full/60 projects", "d2dd18e300a35519 c5da4c06ed405b71 2d554e1ebbb71cdf"),
            Map.entry("lending-relations/none/15 projects", "8bd9603ad4a450b8 a3b76ce0bdb158be e538d929e79e0289"),
            Map.entry("lending-relations/none/5 projects", "7b48717e92a7a387 994c782645a2678 6bff65e3d9d5bf5e"),
            Map.entry("lending-relations/none/60 projects", "d479ff4f8bc912ea 2e5951bb44fe00f6 6c4820944bd63389"),
            Map.entry("lending/easy/15 projects", "e104660d8def179c abdf12611da0ac20 78ea385f070f51ce"),
            Map.entry("lending/easy/5 projects", "143de39f73be76f3 3a27ce5ef468aecf b86891a07fd5c389"),
            Map.entry("lending/easy/60 projects", "46ba1fa131f3e3b8 445fbe237ff985d5 912a4c1ce0ecb8e6"),
            Map.entry("lending/full/15 projects", "6606c3070a5f6ca 9c07104cf5c38c06 5f0326be0a43670"),
            Map.entry("lending/full/5 projects", "1c1c5bf3dccbef1 20d3a9a56074da4f 45aa43ad501304b2"),
            Map.entry("lending/full/60 projects", "d2dd18e300a35519 c5da4c06ed405b71 2d554e1ebbb71cdf"),
            Map.entry("lending/none/15 projects", "8bd9603ad4a450b8 a3b76ce0bdb158be e538d929e79e0289"),
            Map.entry("lending/none/5 projects", "d828cde7c9c23d3b a1f870a8c267ca6c 2d80013dc2f06e47"),
            Map.entry("lending/none/60 projects", "d479ff4f8bc912ea 2e5951bb44fe00f6 6c4820944bd63389"),
            Map.entry("strict/easy/15 projects", "9993558f43143ef d7acc51e5128d12a 222f0f5a11502694"),
            Map.entry("strict/easy/5 projects", "83b63d887687ead0 a1863127c63336e1 702ca857495a857d"),
            Map.entry("strict/easy/60 projects", "41b2d911753b60f1 2ac9861b6f1d30d4 8a1febe90ed235e8"),
            Map.entry("strict/full/15 projects", "c3ce5ddcd3357fc8 3770f047fb348ce6 d7a49d75d583505"),
            Map.entry("strict/full/5 projects", "f34cd1042c52f8f3 a1863127c63336e1 58f9e9c94cabc96"),
            Map.entry("strict/full/60 projects", "134dff88a78bb78e 897232db2838f344 8fef6f4a13dc8c4c"),
            Map.entry("strict/none/15 projects", "ca454bb1d7432c74 758d3932fd963a3f f6f8c23d2570ec1c"),
            Map.entry("strict/none/5 projects", "c2b5217a36d86b06 55130e005d9f4bd3 452b7ffefcc14f08"),
            Map.entry("strict/none/60 projects", "12875b308cef71ed 41a834e99b21d791 8cd9260d900a0b9f"));

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (String policy : SharingPolicies.names()) {
            for (Backfill backfill : Backfill.values()) {
                for (String shape : List.of("5 projects", "15 projects", "60 projects")) {
                    cases.add(new Object[] {policy, backfill, shape});
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @MethodSource("cases")
    void startsAndFinishesAreThoseRecordedBefore(String policy, Backfill backfill, String shape) {
        StringBuilder hashes = new StringBuilder();
        for (long seed : new long[] {11, 12, 13}) {
            TestLab lab;
            Trace trace;
            switch (shape) {
                case "5 projects" -> {
                    lab = ConservationAndDeterminismTest.LAB;
                    trace = SyntheticTrace.generate(seed, 3000, 6, 130, 1800);
                }
                case "15 projects" -> {
                    lab = SimulatorBench.syntheticLab(15);
                    trace = SyntheticTrace.generate(seed, 6000, 15, 12, 3 * 3600);
                }
                default -> {
                    lab = SimulatorBench.syntheticLab(60);
                    trace = SyntheticTrace.generate(seed, 6000, 60, 10, 3 * 3600);
                }
            }
            Engine engine = Simulator.create(SimOptions.defaults().withBackfill(backfill))
                    .runEngine(lab.buildLab(), lab.buildPlan(), trace, SharingPolicies.byName(policy));
            hashes.append(hashes.isEmpty() ? "" : " ").append(hash(engine));
        }
        String key = policy + "/" + backfill.flagName() + "/" + shape;
        if (Boolean.getBoolean("allot.printScheduleHashes")) {
            System.out.printf(Locale.ROOT, "        Map.entry(\"%s\", \"%s\"),%n", key, hashes);
        }
        assertThat(hashes.toString()).as(key).isEqualTo(RECORDED.get(key));
    }

    /** FNV-1a over the bits of every job's first start and finish, then the preemption and rejection counts. */
    static String hash(Engine engine) {
        long hash = 0xcbf29ce484222325L;
        for (int job = 0; job < engine.work.jobCount; job++) {
            hash = mix(hash, Double.doubleToLongBits(engine.firstStart[job]));
            hash = mix(hash, Double.doubleToLongBits(engine.finishTime[job]));
        }
        hash = mix(hash, engine.preemptions);
        hash = mix(hash, engine.rejected);
        return Long.toHexString(hash);
    }

    private static long mix(long hash, long value) {
        long h = hash;
        for (int i = 0; i < 8; i++) {
            h ^= (value >>> (8 * i)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
