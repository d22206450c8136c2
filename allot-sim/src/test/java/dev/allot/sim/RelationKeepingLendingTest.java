package dev.allot.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code lending-relations}: with the lab policy's {@code exploratory >= product}, a product project borrows only
 * while exploratory, counted at least at its entitlement, still has as many effective GPUs as product would hold.
 * One 16-GPU pool; exploratory e and product p are granted 8 GPUs each; an ungranted product project q has none.
 */
class RelationKeepingLendingTest {
    private static final TestLab LAB = TestLab.lab()
            .type("A100", 1.0)
            .pool("A100", 16, 8)
            .project("e", "exploratory", "A100:8")
            .project("p", "product", "A100:8")
            .project("q", "product", "");

    /** p submits four 4-GPU jobs of 1000 s at t=0 while e is idle. */
    private static final TestTrace PRODUCT_WANTS_ALL = TestTrace.trace()
            .job("p", 0, 4, 1000)
            .job("p", 0, 4, 1000)
            .job("p", 0, 4, 1000)
            .job("p", 0, 4, 1000);

    @Test
    void plainLendingLetsProductBorrowExploratorysIdleGrantAndBreaksTheRelation() {
        Replay replay = Replay.of(LAB, PRODUCT_WANTS_ALL.build(), "lending");

        assertThat(replay.start(2)).isZero();
        assertThat(replay.start(3)).isZero();
        RelationCheck relation = replay.outcome.relations().get(0);
        assertThat(relation.relation()).isEqualTo("exploratory >= product");
        assertThat(relation.bucketsHeld()).isLessThan(relation.buckets());
    }

    @Test
    void productMayNotBorrowBeyondWhatExploratorysEntitlementCovers() {
        Replay replay = Replay.of(LAB, PRODUCT_WANTS_ALL.build(), "lending-relations");

        assertThat(replay.start(0)).isZero();
        assertThat(replay.start(1)).isZero();
        assertThat(replay.start(2))
                .as("12 product GPUs > 8 exploratory entitled")
                .isEqualTo(1000);
        assertThat(replay.start(3)).isEqualTo(1000);
        assertThat(replay.outcome.relations().get(0).bucketsBrokenWhileWanted()).isZero();
        assertThat(replay.outcome.policy()).isEqualTo("lending-relations");
    }

    @Test
    void anUngrantedProductProjectMayBorrowAsLongAsProductStaysWithinExploratorysEntitlement() {
        TestTrace trace =
                TestTrace.trace().job("q", 0, 4, 1000).job("q", 0, 4, 1000).job("q", 0, 4, 1000);

        Replay replay = Replay.of(LAB, trace.build(), "lending-relations");

        assertThat(replay.start(0)).isZero();
        assertThat(replay.start(1))
                .as("product at 8 = exploratory's entitlement")
                .isZero();
        assertThat(replay.start(2)).isEqualTo(1000);
    }

    @Test
    void exploratoryBorrowsProductsIdleGrantAsUnderPlainLending() {
        TestTrace trace = TestTrace.trace()
                .job("e", 0, 4, 1000)
                .job("e", 0, 4, 1000)
                .job("e", 0, 4, 1000)
                .job("e", 0, 4, 1000);

        Replay relations = Replay.of(LAB, trace.build(), "lending-relations");
        Replay plain = Replay.of(LAB, trace.build(), "lending");

        for (long job = 0; job < 4; job++) {
            assertThat(relations.start(job)).isZero();
            assertThat(relations.finish(job)).isEqualTo(plain.finish(job));
        }
    }

    @Test
    void exploratoryCountsAtWhatItHoldsWhenThatIsMoreThanItsEntitlement() {
        TestLab wide = TestLab.lab()
                .type("A100", 1.0)
                .pool("A100", 32, 8)
                .project("e", "exploratory", "A100:8")
                .project("p", "product", "A100:8")
                .project("q", "product", "");
        // e borrows up to 16 GPUs at t=0; then q (no grant) asks for 12: product 12 <= exploratory 16
        TestTrace trace = TestTrace.trace()
                .job("e", 0, 8, 1000)
                .job("e", 0, 8, 1000)
                .job("q", 1, 4, 100)
                .job("q", 1, 4, 100)
                .job("q", 1, 4, 100)
                .job("q", 1, 4, 100);

        Replay replay = Replay.of(wide, trace.build(), "lending-relations");

        assertThat(replay.start(1)).isZero();
        assertThat(replay.start(4)).as("product at 12 <= 16").isEqualTo(1);
        assertThat(replay.start(5)).as("product at 16 <= 16").isEqualTo(1);
    }
}
