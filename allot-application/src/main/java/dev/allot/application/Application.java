package dev.allot.application;

import dev.allot.core.planner.Planner;
import dev.allot.store.Store;
import java.util.Objects;

/**
 * The use cases of Allot, once, for every adapter: the REST API, the web UI and the command line call these plain
 * methods and only translate their input and output. Transactions and audit entries come from the store; the
 * checks that are not the store's (who may edit which ask, when a draft may be solved, which plan people see) live
 * here. Thread-safe when the store and planner are.
 */
public final class Application {
    private final Cycles cycles;
    private final Reviews reviews;
    private final Drafts drafts;
    private final Reads reads;
    private final Tokens tokens;
    private final SignIn signIn;
    private final Projects projects;
    private final Approvals approvals;
    private final Evidences evidence;
    private final Usage usage;
    private final Enforcements enforcements;
    private final Fleets fleets;
    private final Dashboard dashboard;
    private final Assignments assignments;
    private final Budgets budgets;
    private final Blocks blocks;

    private Application(Store store, Planner planner, SolveJobs.Registry jobs) {
        this.approvals = new Approvals(store);
        this.cycles = new Cycles(store, approvals);
        this.reviews = new Reviews(store, approvals);
        this.evidence = new Evidences(store, reviews);
        this.drafts = new Drafts(store, planner, approvals, evidence, jobs);
        this.reads = new Reads(store);
        this.tokens = new Tokens(store);
        this.signIn = new SignIn(store);
        this.projects = new Projects(store);
        this.usage = new Usage(store);
        this.enforcements = new Enforcements(store);
        this.fleets = new Fleets(store);
        this.dashboard = new Dashboard(store, usage);
        this.assignments = new Assignments(store);
        this.budgets = new Budgets(store, approvals);
        this.blocks = new Blocks(store, reviews);
    }

    /** The pools' capacity events (arrivals, retirements, outage windows). */
    public Fleets fleets() {
        return fleets;
    }

    /**
     * The use cases over {@code store}, solving drafts with {@code planner}, with solve jobs of their own (a command
     * that runs once); a server passes its {@link SolveJobs.Registry} instead.
     */
    public static Application over(Store store, Planner planner) {
        return over(store, planner, new SolveJobs.Registry());
    }

    /**
     * The use cases of one server over {@code store}, solving drafts with {@code planner}: its solve jobs are kept in
     * {@code jobs}, which the server creates once and hands to each application it wires (API and web UI), so that
     * they see the same jobs for as long as the server lives.
     */
    public static Application over(Store store, Planner planner, SolveJobs.Registry jobs) {
        return new Application(
                Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(planner, "planner"),
                Objects.requireNonNull(jobs, "jobs"));
    }

    /**
     * The use cases over {@code store} for a caller that never solves (a command that imports, moves or publishes);
     * {@link Drafts#solve} then fails as a programming error.
     */
    public static Application over(Store store) {
        return new Application(Objects.requireNonNull(store, "store"), null, new SolveJobs.Registry());
    }

    /** Create and move cycles, edit their policy, import a lab. */
    public Cycles cycles() {
        return cycles;
    }

    /** Asks, scores, pins and overrides. */
    public Reviews reviews() {
        return reviews;
    }

    /** Solve and save a draft, publish it, choose the plan to show. */
    public Drafts drafts() {
        return drafts;
    }

    /** Draft solves in the background: start, poll, cancel; at most one per cycle. */
    public SolveJobs solveJobs() {
        return drafts.jobs();
    }

    /** Approve a draft, withdraw an approval, check and publish it. */
    public Approvals approvals() {
        return approvals;
    }

    /** Import, list and fit a project's evidence. */
    public Evidences evidence() {
        return evidence;
    }

    /** Read-only views the adapters render. */
    public Reads reads() {
        return reads;
    }

    /** Record scheduler usage, import a usage CSV, read how much of its grant each project used. */
    public Usage usage() {
        return usage;
    }

    /** The leaders' dashboard across all published cycles. */
    public Dashboard dashboard() {
        return dashboard;
    }

    /** Which reviewer scores which project, each reviewer's queue and progress. */
    public Assignments assignments() {
        return assignments;
    }

    /** The administrator's token lifecycle: create, list and revoke. */
    public Tokens tokens() {
        return tokens;
    }

    /** Signing in and out: tokens, web sessions, single sign-on sessions. */
    public SignIn signIn() {
        return signIn;
    }

    /** The lab's projects: an administrator creates and edits them. */
    public Projects projects() {
        return projects;
    }

    /** The plan enforcers apply for a cycle, and the record of their runs. */
    public Enforcements enforcements() {
        return enforcements;
    }

    /** A cycle's GPU-hour budgets per project and GPU type. */
    public Budgets budgets() {
        return budgets;
    }

    /** The reserved blocks each project asks for in a cycle, and where a plan placed them. */
    public Blocks blocks() {
        return blocks;
    }
}
