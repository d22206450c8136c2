package dev.allot.slurm;

import dev.allot.core.AllotException;
import dev.allot.core.model.Allocation;
import dev.allot.core.model.CategoryId;
import dev.allot.core.model.Decision;
import dev.allot.core.model.GpuTypeId;
import dev.allot.core.model.Lab;
import dev.allot.core.model.PlacedBlock;
import dev.allot.core.model.Plan;
import dev.allot.core.model.Project;
import dev.allot.core.model.ProjectPlan;
import dev.allot.core.model.QuotaTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compiles a plan into the accounting tree Slurm should have: a parent account, one account per category under
 * it, one account per project under its category, {@code GrpTRES} GPU caps per type plus an overall cap, and the
 * project's members as users. Pure: no processes, no files.
 *
 * <p>Dates follow {@link QuotaTimeline}: before the cycle starts every project keeps its previous limits; a
 * project that shrinks or is killed keeps its previous limits of a type until its yield date, with its overall cap
 * at its previous total; grows that need GPUs others yield wait for that date. So the caps of all accounts never add
 * up to more than the pool on any day. The next change is returned as {@link DesiredAccount#pending()} and takes
 * effect when compiled for a later day. A kill is {@code GrpTRES} 0 plus {@code GrpJobs=0}, which holds every new
 * job; Slurm never stops running jobs when a limit drops. A project's GPU-hour budgets of the plan become
 * {@code GrpTRESMins} GPU-minutes per type on its account (no budget: no {@code GrpTRESMins}).
 */
public final class SlurmCompiler {
    private SlurmCompiler() {}

    public static DesiredState compile(Plan plan, Lab lab, SlurmConfig config, LocalDate asOf) {
        Set<GpuTypeId> types = gpuTypes(plan, lab);
        Set<String> managed = new LinkedHashSet<>();
        if (config.overallGpuCap()) {
            managed.add("gres/gpu");
        }
        types.forEach(type -> managed.add(config.tresKey(type)));

        Map<String, String> owners = new HashMap<>();
        List<DesiredAccount> accounts = new ArrayList<>();
        if (!config.parentAccount().equals("root")) {
            claim(owners, config.parentAccount(), "parent account");
            accounts.add(DesiredAccount.group(config.parentAccount(), "root", "allot"));
        }
        for (CategoryId category : categories(plan, lab)) {
            String name = config.accountFor(category);
            claim(owners, name, "category " + category);
            accounts.add(DesiredAccount.group(
                    name,
                    config.parentAccount(),
                    "category " + category,
                    AccountLimits.NONE.withTresMins(budgetMinutes(plan, category, config))));
        }
        Map<dev.allot.core.model.ProjectId, Project> projects = lab.projectsById();
        QuotaTimeline timeline = QuotaTimeline.of(plan, lab.capacityGpus(), lab.cycleStart());
        for (ProjectPlan line : plan.projects()) {
            String name = config.accountFor(line.project());
            claim(owners, name, "project " + line.project());
            Dated dated = new Dated(
                    line,
                    timeline,
                    types,
                    config,
                    budgetMinutes(plan, line.project(), config),
                    timeline.blocks().stream()
                            .filter(block -> block.placed().project().equals(line.project()))
                            .toList());
            accounts.add(projectAccount(line, projects.get(line.project()), name, dated, config, asOf));
        }
        return new DesiredState(
                config.cluster(),
                asOf,
                accounts,
                managed,
                false,
                reservations(plan, lab, config, asOf, timeline),
                reservationScope(plan, config));
    }

    /**
     * The name prefix of the reservations Allot owns for a plan: {@code allot-<cycle>-} and the project account prefix.
     */
    static String reservationScope(Plan plan, SlurmConfig config) {
        return cyclePrefix(plan) + SlurmConfig.slurmName(config.projectAccountPrefix());
    }

    private static String cyclePrefix(Plan plan) {
        return "allot-" + SlurmConfig.slurmName(plan.cycle().value()) + "-";
    }

    /**
     * One reservation per reserved block that has not ended by {@code asOf}, named {@code allot-<cycle>-<account>-<n>}
     * where {@code n} counts the project's blocks in the plan's order (ended ones included, so names stay put). Whole
     * nodes: the block's GPUs over the fewest GPUs per node among the type's pools, rounded up. A block whose GPUs
     * are still being yielded on its placed start starts when {@link QuotaTimeline} gives it room.
     */
    static List<DesiredReservation> reservations(
            Plan plan, Lab lab, SlurmConfig config, LocalDate asOf, QuotaTimeline timeline) {
        Map<dev.allot.core.model.ProjectId, Integer> counts = new HashMap<>();
        List<DesiredReservation> reservations = new ArrayList<>();
        for (QuotaTimeline.BlockDays days : timeline.blocks()) {
            PlacedBlock block = days.placed();
            int n = counts.merge(block.project(), 1, Integer::sum);
            if (!block.end().isAfter(asOf) || !days.from().isBefore(block.end())) {
                continue;
            }
            String account = config.accountFor(block.project());
            int perNode = gpusPerNode(lab, block.gpuType());
            int nodes = (block.gpus() + perNode - 1) / perNode;
            reservations.add(new DesiredReservation(
                    cyclePrefix(plan) + account + "-" + n,
                    account,
                    String.format(
                                    java.util.Locale.ROOT,
                                    "block of %,d %s, %d per node",
                                    block.gpus(),
                                    block.gpuType().value(),
                                    perNode)
                            + (days.delayed()
                                    ? "; placed from " + block.start() + ", waits for GPUs others yield"
                                    : ""),
                    nodes,
                    config.nodeFeature(block.gpuType()),
                    days.from().atStartOfDay(),
                    block.end().atStartOfDay(),
                    !days.from().isAfter(asOf)));
        }
        reservations.sort(java.util.Comparator.comparing(DesiredReservation::name));
        return reservations;
    }

    /** The fewest GPUs per node among the pools of a type, so that the nodes reserved hold the block's GPUs. */
    private static int gpusPerNode(Lab lab, GpuTypeId type) {
        return lab.pools().stream()
                .filter(pool -> pool.gpuType().equals(type))
                .mapToInt(dev.allot.core.model.Pool::gpusPerNode)
                .min()
                .orElseThrow(() -> AllotException.invalid(
                        "slurm.config.invalid",
                        "blocks: a block of GPU type " + type + " has no pool of that type in the lab to reserve"
                                + " nodes from. Maybe add a pool of " + type + " to the lab?"));
    }

    /**
     * The GPU-hour budgets of the plan of one project or one category as {@code GrpTRESMins} GPU-minutes by TRES key,
     * rounded to the nearest minute. A category's budget goes on the category's account, which Slurm counts the
     * usage of all its project accounts (its children) against.
     */
    static Map<String, Long> budgetMinutes(Plan plan, dev.allot.core.model.BudgetOwner owner, SlurmConfig config) {
        Map<String, Long> minutes = new TreeMap<>();
        plan.budgets().stream()
                .filter(budget -> budget.owner().equals(owner))
                .forEach(budget -> minutes.put(config.tresKey(budget.gpuType()), Math.round(budget.gpuHours() * 60)));
        return minutes;
    }

    /**
     * One project's limits on any day; its GPU-minute budgets hold all cycle long, and on the days of its reserved
     * blocks its caps rise by the blocks' GPUs (a block is on top of the grant, and a job in the block's reservation
     * counts against the account's {@code GrpTRES} like any other).
     */
    private record Dated(
            ProjectPlan line,
            QuotaTimeline timeline,
            Set<GpuTypeId> types,
            SlurmConfig config,
            Map<String, Long> minutes,
            List<QuotaTimeline.BlockDays> blocks) {
        AccountLimits on(LocalDate day) {
            return withBlocks(caps(day), day).withTresMins(minutes);
        }

        private AccountLimits withBlocks(AccountLimits caps, LocalDate day) {
            if (caps.holdsJobs()) {
                return caps;
            }
            Map<String, Long> tres = new TreeMap<>(caps.grpTres());
            for (QuotaTimeline.BlockDays block : blocks) {
                if (block.holdsOn(day)) {
                    PlacedBlock placed = block.placed();
                    tres.merge(config.tresKey(placed.gpuType()), (long) placed.gpus(), Long::sum);
                    tres.computeIfPresent("gres/gpu", (key, gpus) -> gpus + placed.gpus());
                }
            }
            return new AccountLimits(tres, caps.grpJobs(), caps.grpTresMins());
        }

        /** The first day after {@code day} on which one of the project's blocks starts or ends. */
        private Optional<LocalDate> nextBlockBoundary(LocalDate day) {
            return blocks.stream()
                    .flatMap(block -> java.util.stream.Stream.of(
                            block.from(), block.placed().end()))
                    .filter(boundary -> boundary.isAfter(day))
                    .min(LocalDate::compareTo);
        }

        private AccountLimits caps(LocalDate day) {
            if (timeline.isFinal(line.project(), day)) {
                return limits(line.grant(), types, config, isKill(line));
            }
            Map<String, Long> tres = new TreeMap<>();
            Allocation quota = timeline.quotaOn(line.project(), day);
            types.forEach(type -> tres.put(config.tresKey(type), (long) quota.gpus(type)));
            if (config.overallGpuCap()) {
                tres.put("gres/gpu", (long) timeline.overallCapOn(line.project(), day));
            }
            return new AccountLimits(tres, AccountLimits.NO_LIMIT);
        }

        Optional<DesiredAccount.DatedLimit> next(LocalDate day) {
            Optional<LocalDate> quota = timeline.nextChange(line.project(), day);
            Optional<LocalDate> block = nextBlockBoundary(day);
            if (block.isPresent() && (quota.isEmpty() || !block.get().isAfter(quota.get()))) {
                LocalDate on = block.get();
                String reason = blocks.stream().anyMatch(days -> days.from().equals(on))
                        ? "reserved block starts"
                        : "reserved block ends";
                return Optional.of(new DesiredAccount.DatedLimit(on, on(on), reason));
            }
            return quota.map(on -> {
                String reason;
                if (day.isBefore(timeline.cycleStart())) {
                    reason = "cycle starts";
                } else if (timeline.isYielding(line.project(), day) && !timeline.isYielding(line.project(), on)) {
                    reason = isKill(line) ? "kill" : "yield";
                } else {
                    reason = "grow once others have yielded";
                }
                return new DesiredAccount.DatedLimit(on, on(on), reason);
            });
        }
    }

    private static boolean isKill(ProjectPlan line) {
        return line.decision() == Decision.KILL;
    }

    private static DesiredAccount projectAccount(
            ProjectPlan line, Project project, String name, Dated dated, SlurmConfig config, LocalDate asOf) {
        boolean killed = isKill(line);
        AccountLimits now = dated.on(asOf);
        Optional<DesiredAccount.DatedLimit> pending = dated.next(asOf);
        TreeSet<String> users = new TreeSet<>();
        if (project != null) {
            String field = "projects[" + line.project() + "].members";
            project.members().forEach(user -> users.add(SlurmConfig.checkUser(field, user)));
            if (!project.lead().isBlank()) {
                users.add(SlurmConfig.checkUser("projects[" + line.project() + "].lead", project.lead()));
            }
        }
        users.addAll(config.extraUsers());
        TreeSet<String> qos = new TreeSet<>();
        if (!killed) {
            config.borrowQos().ifPresent(qos::add);
        }
        String description = project == null ? line.project().value() : project.name();
        return new DesiredAccount(
                name, config.accountFor(line.category()), description, now, users, qos, true, pending);
    }

    static AccountLimits limits(Allocation allocation, Set<GpuTypeId> types, SlurmConfig config, boolean hold) {
        Map<String, Long> tres = new TreeMap<>();
        for (GpuTypeId type : types) {
            tres.put(config.tresKey(type), hold ? 0L : allocation.gpus(type));
        }
        if (config.overallGpuCap()) {
            tres.put("gres/gpu", hold ? 0L : allocation.totalGpus());
        }
        return new AccountLimits(tres, hold ? 0 : AccountLimits.NO_LIMIT);
    }

    private static Set<GpuTypeId> gpuTypes(Plan plan, Lab lab) {
        Set<GpuTypeId> types = new TreeSet<>();
        lab.gpuTypes().forEach(type -> types.add(type.id()));
        types.addAll(plan.capacityGpus().keySet());
        plan.projects().forEach(line -> {
            types.addAll(line.grant().gpus().keySet());
            types.addAll(line.previous().gpus().keySet());
        });
        return types;
    }

    private static Set<CategoryId> categories(Plan plan, Lab lab) {
        Set<CategoryId> categories = new LinkedHashSet<>();
        lab.categories().forEach(category -> categories.add(category.id()));
        plan.projects().forEach(line -> categories.add(line.category()));
        return categories;
    }

    private static void claim(Map<String, String> owners, String account, String owner) {
        String previous = owners.putIfAbsent(account, owner);
        if (previous != null) {
            throw AllotException.invalid(
                    "slurm.account.collision",
                    "Slurm account '" + account + "' would be used by"
                            + " both " + previous + " and " + owner
                            + " (Slurm lower-cases names and replaces characters"
                            + " outside [a-z0-9._-] with '-'). Maybe rename one, or set a project account prefix?");
        }
    }
}
