package dev.allot.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.allot.core.AllotException;
import dev.allot.core.Problem;
import dev.allot.core.model.Category;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.Policy;
import dev.allot.core.model.ShareBound;
import dev.allot.core.model.TestPolicies;
import dev.allot.core.model.UsagePolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review screen's policy form edits the reserve and the share bounds and keeps every other field. */
class PolicyFormTest {
    private static final List<Category> CATEGORIES = List.of(
            new Category(CategoryId.of("exploratory"), "new ideas"), new Category(CategoryId.of("safety"), "safety"));

    @Test
    void everyPolicyFieldTheFormDoesNotShowSurvivesAnEdit() {
        Policy current = TestPolicies.everyFieldChanged();
        Map<String, String> form = Map.of("reserve", "10", "min.safety", "7", "max.safety", "40");

        Policy edited = PolicyForm.read(form::get, CATEGORIES, current);

        assertThat(edited)
                .isEqualTo(current.edit()
                        .reserveFraction(0.10)
                        .shareBounds(List.of(new ShareBound(CategoryId.of("safety"), 0.07, 0.40)))
                        .build());
    }

    @Test
    void theUsageRuleIsEditableAndEveryBadFieldIsRefusedAtOnce() {
        Policy current = TestPolicies.everyFieldChanged();
        Map<String, String> form =
                Map.of("reserve", "8", "usage.idleBelow", "60", "usage.action", "warn", "usage.headroom", "10");

        Policy edited = PolicyForm.read(form::get, CATEGORIES, current);

        assertThat(edited.usage()).isEqualTo(new UsagePolicy(0.6, UsagePolicy.Action.WARN, 0.1));
        assertThat(edited)
                .isEqualTo(current.edit()
                        .shareBounds(List.of())
                        .usage(edited.usage())
                        .build());
        Map<String, String> bad = Map.of("reserve", "8", "usage.idleBelow", "150", "usage.action", "cap");
        assertThatThrownBy(() -> PolicyForm.read(bad::get, CATEGORIES, current))
                .isInstanceOfSatisfying(
                        AllotException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::path)
                                .containsExactly("usage.idleBelow", "usage.action"));
    }

    @Test
    void theFormSetsTheNoAskRuleAndRefusesAnUnknownOneNamingTheField() {
        Policy current = Policy.defaults();
        Map<String, String> form = Map.of("reserve", "5", "noAsk", "floorOnly");
        Map<String, String> bad = Map.of("reserve", "5", "noAsk", "forget");

        assertThat(PolicyForm.read(form::get, CATEGORIES, current).noAsk())
                .isEqualTo(dev.allot.core.model.NoAsk.FLOOR_ONLY);
        assertThatThrownBy(() -> PolicyForm.read(bad::get, CATEGORIES, current))
                .isInstanceOfSatisfying(dev.allot.core.AllotException.class, e -> {
                    assertThat(e.problems().get(0).path()).isEqualTo("noAsk");
                    assertThat(e.problems().get(0).value()).isEqualTo("forget");
                });
    }
}
