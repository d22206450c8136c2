package dev.allot.server;

import static dev.allot.server.Route.EVERYONE;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import dev.allot.application.Application;
import dev.allot.store.Role;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The REST API's route table: every path, who may call it, and its handler. Web pages will get a sibling table
 * ({@code UiRoutes}) registered the same way.
 */
final class ApiRoutes {
    static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    static final Set<Role> DECIDER = EnumSet.of(Role.DECIDER);
    static final Set<Role> STEERING = EnumSet.of(Role.ADMIN, Role.DECIDER);
    static final Set<Role> REVIEWING = EnumSet.of(Role.ADMIN, Role.DECIDER, Role.REVIEWER);
    static final Set<Role> ASKING = EnumSet.of(Role.ADMIN, Role.LEAD);
    static final Set<Role> REVIEWER = EnumSet.of(Role.REVIEWER);
    static final Set<Role> EVIDENCE_WRITERS = EnumSet.of(Role.ADMIN, Role.DECIDER, Role.LEAD);

    private final List<Route> routes = new ArrayList<>();

    private ApiRoutes() {}

    static List<Route> of(Application application) {
        LabHandlers lab = new LabHandlers(application);
        CycleHandlers cycles = new CycleHandlers(application);
        PlanHandlers plans = new PlanHandlers(application);
        TokenHandlers tokens = new TokenHandlers(application.tokens());
        ApprovalHandlers approvals = new ApprovalHandlers(application);
        EvidenceHandlers evidence = new EvidenceHandlers(application);
        EnforcementHandlers enforcement = new EnforcementHandlers(application);
        CapacityHandlers capacity = new CapacityHandlers(application.fleets());
        AssignmentHandlers assignments = new AssignmentHandlers(application.assignments());
        BudgetHandlers budgets = new BudgetHandlers(application.budgets());
        BlockHandlers blocks = new BlockHandlers(application);
        SolveHandlers solves = new SolveHandlers(application.solveJobs());
        ApiRoutes api = new ApiRoutes();
        api.add(GET, "/api/me", EVERYONE, lab::me);
        api.add(GET, "/api/gpu-types", EVERYONE, lab::gpuTypes);
        api.add(GET, "/api/pools", EVERYONE, lab::pools);
        api.add(GET, "/api/categories", EVERYONE, lab::categories);
        api.add(GET, "/api/projects", EVERYONE, lab::projects);
        api.add(POST, "/api/projects", ADMIN, lab::createProject);
        api.add(GET, "/api/projects/{project}", EVERYONE, lab::project);
        api.add(PUT, "/api/projects/{project}", ADMIN, lab::updateProject);
        api.add(GET, "/api/projects/{project}/history", EVERYONE, lab::history);
        api.add(GET, "/api/projects/{project}/usage", EVERYONE, lab::usage);
        api.add(GET, "/api/projects/{project}/evidence", EVERYONE, evidence::list);
        api.add(POST, "/api/projects/{project}/evidence", EVIDENCE_WRITERS, evidence::importFile);
        api.add(POST, "/api/usage", ADMIN, lab::recordUsage);
        api.add(GET, "/api/audit", ADMIN, lab::audit);
        api.add(POST, "/api/tokens", ADMIN, lab::createToken);
        api.add(GET, "/api/tokens", ADMIN, tokens::list);
        api.add(DELETE, "/api/tokens/{id}", ADMIN, tokens::revoke);
        api.add(POST, "/api/sessions", EVERYONE, lab::createSession);
        api.add(GET, "/api/cycles", EVERYONE, cycles::list);
        api.add(POST, "/api/cycles", ADMIN, cycles::create);
        api.add(GET, "/api/cycles/{cycle}", EVERYONE, cycles::get);
        api.add(POST, "/api/cycles/{cycle}/transitions", STEERING, cycles::transition);
        api.add(PUT, "/api/cycles/{cycle}/policy", STEERING, cycles::setPolicy);
        api.add(GET, "/api/cycles/{cycle}/asks", EVERYONE, cycles::asks);
        api.add(GET, "/api/cycles/{cycle}/asks/{project}", EVERYONE, cycles::ask);
        api.add(PUT, "/api/cycles/{cycle}/asks/{project}", ASKING, cycles::putAsk);
        api.add(POST, "/api/cycles/{cycle}/asks/{project}/confirm", ASKING, cycles::confirmAsk);
        api.add(PUT, "/api/cycles/{cycle}/ask-deadline", STEERING, cycles::setAskDeadline);
        api.add(GET, "/api/cycles/{cycle}/scores", REVIEWING, cycles::scores);
        api.add(PUT, "/api/cycles/{cycle}/scores/{project}", REVIEWER, cycles::putScore);
        api.add(GET, "/api/cycles/{cycle}/pins", REVIEWING, cycles::pins);
        api.add(PUT, "/api/cycles/{cycle}/pins/{project}", DECIDER, cycles::putPin);
        api.add(DELETE, "/api/cycles/{cycle}/pins/{project}", DECIDER, cycles::deletePin);
        api.add(GET, "/api/cycles/{cycle}/overrides", REVIEWING, cycles::overrides);
        api.add(PUT, "/api/cycles/{cycle}/overrides/{project}", DECIDER, cycles::putOverride);
        api.add(DELETE, "/api/cycles/{cycle}/overrides/{project}", DECIDER, cycles::deleteOverride);
        api.add(POST, "/api/cycles/{cycle}/draft", DECIDER, plans::solveDraft);
        api.add(GET, "/api/cycles/{cycle}/draft", STEERING, plans::draft);
        api.add(GET, "/api/cycles/{cycle}/diff", STEERING, plans::diff);
        api.add(POST, "/api/cycles/{cycle}/approvals", DECIDER, approvals::approve);
        api.add(DELETE, "/api/cycles/{cycle}/approvals", DECIDER, approvals::withdraw);
        api.add(GET, "/api/cycles/{cycle}/publish-check", STEERING, approvals::check);
        api.add(POST, "/api/cycles/{cycle}/publish", DECIDER, approvals::publish);
        api.add(GET, "/api/cycles/{cycle}/plan", EVERYONE, plans::document);
        api.add(GET, "/api/cycles/{cycle}/plans", EVERYONE, plans::plans);
        api.add(GET, "/api/cycles/{cycle}/plans/{version}", EVERYONE, plans::plan);
        api.add(GET, "/api/cycles/{cycle}/portfolio", EVERYONE, plans::portfolio);
        api.add(GET, "/api/cycles/{cycle}/enforcement", EVERYONE, enforcement::list);
        api.add(POST, "/api/cycles/{cycle}/enforcement", STEERING, enforcement::record);
        api.add(GET, "/api/cycles/{cycle}/enforcement/plan", EVERYONE, enforcement::plan);
        api.add(GET, "/api/cycles/{cycle}/lab", STEERING, enforcement::lab);
        api.add(GET, "/api/pools/{pool}/events", EVERYONE, capacity::list);
        api.add(POST, "/api/pools/{pool}/events", ADMIN, capacity::add);
        api.add(DELETE, "/api/pools/{pool}/events/{index}", ADMIN, capacity::remove);
        api.add(GET, "/api/cycles/{cycle}/assignments", REVIEWING, assignments::list);
        api.add(PUT, "/api/cycles/{cycle}/assignments", STEERING, assignments::replace);
        api.add(POST, "/api/cycles/{cycle}/assignments/round-robin", STEERING, assignments::roundRobin);
        api.add(GET, "/api/cycles/{cycle}/scores/{project}", REVIEWER, cycles::score);
        api.add(GET, "/api/cycles/{cycle}/pins/{project}", REVIEWING, cycles::pin);
        api.add(GET, "/api/cycles/{cycle}/overrides/{project}", REVIEWING, cycles::override);
        api.add(POST, "/api/lab", ADMIN, cycles::importLab);
        api.add(GET, "/api/cycles/{cycle}/budgets", EVERYONE, budgets::list);
        api.add(PUT, "/api/cycles/{cycle}/budgets", STEERING, budgets::replace);
        api.add(GET, "/api/cycles/{cycle}/blocks", EVERYONE, blocks::cycle);
        api.add(GET, "/api/cycles/{cycle}/asks/{project}/blocks", EVERYONE, blocks::project);
        api.add(PUT, "/api/cycles/{cycle}/asks/{project}/blocks", ASKING, blocks::replace);
        api.add(POST, "/api/cycles/{cycle}/solves", DECIDER, solves::start);
        api.add(GET, "/api/cycles/{cycle}/solves/{job}", STEERING, solves::get);
        api.add(POST, "/api/cycles/{cycle}/solves/{job}/cancel", DECIDER, solves::cancel);
        return List.copyOf(api.routes);
    }

    private void add(HandlerType method, String path, Set<Role> roles, Handler handler) {
        routes.add(new Route(method, path, roles, handler));
    }
}
