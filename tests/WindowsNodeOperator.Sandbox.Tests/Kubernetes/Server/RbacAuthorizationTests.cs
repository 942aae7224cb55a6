using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Server;

/// <summary>
/// The sandbox API server enforcing RBAC, judged by kubectl 1.32 where it can be: the messages are what kubectl prints for
/// kube-apiserver's 401 and 403 Status objects.
/// </summary>
public sealed class RbacAuthorizationTests(RbacServerFixture fx) : IClassFixture<RbacServerFixture>
{
    private const string Sa = RbacServerFixture.OperatorUser;

    [Fact]
    public void The_shipped_rbac_manifests_apply_as_the_administrator()
    {
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/windows-node-operator created", fx.Applied.Stdout, StringComparison.Ordinal);
        Assert.Contains("clusterrolebinding.rbac.authorization.k8s.io/windows-node-operator created", fx.Applied.Stdout, StringComparison.Ordinal);
        Assert.Contains("role.rbac.authorization.k8s.io/windows-node-operator-leader-election created", fx.Applied.Stdout, StringComparison.Ordinal);
        Assert.Contains("rolebinding.rbac.authorization.k8s.io/windows-node-operator-leader-election created", fx.Applied.Stdout, StringComparison.Ordinal);
        Assert.Contains("serviceaccount/windows-node-operator created", fx.Applied.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_operator_may_list_nodes_but_not_delete_one()
    {
        fx.Seed(Node("rbac-n1"));

        var list = await fx.Operator.RunAsync("get", "nodes", "-o", "name");
        var delete = await fx.Operator.RunAsync("delete", "node", "rbac-n1");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("node/rbac-n1", list.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, delete.ExitCode);
        Assert.Equal(
            $"Error from server (Forbidden): nodes \"rbac-n1\" is forbidden: User \"{Sa}\" cannot delete resource \"nodes\" in API group \"\" at the cluster scope",
            delete.Stderr.Trim());
        Assert.NotNull(fx.Store.Find("v1", "nodes", null, "rbac-n1"));
    }

    [Fact]
    public async Task A_namespaced_write_not_granted_is_forbidden_in_the_namespace()
    {
        var create = await fx.Operator.RunAsync("create", "configmap", "sneaky", "-n", "default");

        Assert.NotEqual(0, create.ExitCode);
        Assert.Equal(
            $"error: failed to create configmap: configmaps is forbidden: User \"{Sa}\" cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"",
            create.Stderr.Trim());
    }

    [Fact]
    public async Task A_lease_is_granted_by_name_only_to_the_operator_s_own()
    {
        var own = await fx.Operator.RunAsync("get", "lease", "windows-node-operator", "-n", RbacServerFixture.OperatorNamespace);
        var other = await fx.Operator.RunAsync("get", "lease", "someone-else", "-n", RbacServerFixture.OperatorNamespace);
        var list = await fx.Operator.RunAsync("get", "leases", "-n", RbacServerFixture.OperatorNamespace);

        // Allowed, then not found: the Lease does not exist yet.
        Assert.Equal("Error from server (NotFound): leases.coordination.k8s.io \"windows-node-operator\" not found", own.Stderr.Trim());
        Assert.Equal(
            $"Error from server (Forbidden): leases.coordination.k8s.io \"someone-else\" is forbidden: User \"{Sa}\" cannot get resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"windows-node-operator\"",
            other.Stderr.Trim());
        Assert.Equal(
            $"Error from server (Forbidden): leases.coordination.k8s.io is forbidden: User \"{Sa}\" cannot list resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"windows-node-operator\"",
            list.Stderr.Trim());
    }

    [Fact]
    public async Task ResourceNames_allow_a_list_only_through_a_metadata_name_field_selector()
    {
        fx.Seed("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: one-lease, namespace: default}
            rules:
              - apiGroups: [coordination.k8s.io]
                resources: [leases]
                resourceNames: [mine]
                verbs: [list, watch, create]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: one-lease, namespace: default}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: one-lease}
            subjects: [{kind: User, name: lease-lister, apiGroup: rbac.authorization.k8s.io}]
            """);
        var kubectl = fx.KubectlAs(fx.UserToken("lease-lister"), "lease-lister");

        var selected = await kubectl.RunAsync("get", "leases", "-n", "default", "--field-selector", "metadata.name=mine");
        var all = await kubectl.RunAsync("get", "leases", "-n", "default");
        var create = await kubectl.RunWithInputAsync(
            """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"mine","namespace":"default"}}""", "create", "-f", "-");

        Assert.True(selected.ExitCode == 0, selected.ToString());
        Assert.Equal("No resources found in default namespace.", selected.Stderr.Trim());
        Assert.Equal(
            "Error from server (Forbidden): leases.coordination.k8s.io is forbidden: User \"lease-lister\" cannot list resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"default\"",
            all.Stderr.Trim());

        // A create carries its name in the body, not the URL: resourceNames never match it.
        Assert.Equal(
            "Error from server (Forbidden): error when creating \"STDIN\": leases.coordination.k8s.io is forbidden: User \"lease-lister\" cannot create resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"default\"",
            create.Stderr.Trim());
    }

    [Fact]
    public async Task A_RoleBinding_grants_a_ClusterRole_s_rules_in_its_namespace_only()
    {
        fx.Seed("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: team-a}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: pod-reader}
            rules: [{apiGroups: [""], resources: [pods, "*/status"], verbs: ["*"]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: pod-reader, namespace: team-a}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
            subjects: [{kind: Group, name: readers, apiGroup: rbac.authorization.k8s.io}]
            """);
        var kubectl = fx.KubectlAs(fx.Server.IssueToken(new("reader-1", ["readers", "system:authenticated"])), "reader-1");

        var inTeam = await kubectl.RunAsync("get", "pods", "-n", "team-a");
        var inDefault = await kubectl.RunAsync("get", "pods", "-n", "default");
        var everywhere = await kubectl.RunAsync("get", "pods", "-A");

        Assert.True(inTeam.ExitCode == 0, inTeam.ToString());
        Assert.Equal(
            "Error from server (Forbidden): pods is forbidden: User \"reader-1\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"",
            inDefault.Stderr.Trim());
        Assert.Equal(
            "Error from server (Forbidden): pods is forbidden: User \"reader-1\" cannot list resource \"pods\" in API group \"\" at the cluster scope",
            everywhere.Stderr.Trim());
    }

    [Fact]
    public async Task An_eviction_not_granted_names_the_subresource()
    {
        fx.Seed(Node("rbac-evict-n"));
        fx.Seed(Pod("default", "rbac-evict-p", "rbac-evict-n"));
        using var jane = fx.Http(fx.UserToken("jane"));
        using var sa = fx.Http(fx.Server.IssueServiceAccountToken(RbacServerFixture.OperatorNamespace, "windows-node-operator"));

        using var refused = await jane.PostAsync("api/v1/namespaces/default/pods/rbac-evict-p/eviction", Eviction("default", "rbac-evict-p"));
        using var evicted = await sa.PostAsync("api/v1/namespaces/default/pods/rbac-evict-p/eviction", Eviction("default", "rbac-evict-p"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var status = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal(
            "pods \"rbac-evict-p\" is forbidden: User \"jane\" cannot create resource \"pods/eviction\" in API group \"\" in the namespace \"default\"",
            status["message"]!.GetValue<string>());
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
        Assert.Equal(403, status["code"]!.GetValue<int>());
        Assert.Equal("""{"name":"rbac-evict-p","kind":"pods"}""", status["details"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, evicted.StatusCode);
    }

    [Fact]
    public async Task A_binding_to_a_missing_role_says_so_in_the_reason()
    {
        fx.Seed("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: dangling}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: not-there}
            subjects: [{kind: User, name: dangler, apiGroup: rbac.authorization.k8s.io}]
            """);
        var kubectl = fx.KubectlAs(fx.UserToken("dangler"), "dangler");

        var list = await kubectl.RunAsync("get", "nodes");

        Assert.Equal(
            "Error from server (Forbidden): nodes is forbidden: User \"dangler\" cannot list resource \"nodes\" in API group \"\" at the cluster scope: RBAC: clusterrole.rbac.authorization.k8s.io \"not-there\" not found",
            list.Stderr.Trim());
    }

    [Fact]
    public async Task A_token_the_server_did_not_issue_is_unauthorized()
    {
        var kubectl = fx.KubectlAs("not-a-token", "stranger");

        var result = await kubectl.RunAsync("get", "nodes");

        // kubectl fails at discovery, and reads a 401 as client-go words it.
        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(
            "error: You must be logged in to the server (the server has asked for the client to provide credentials)",
            result.Stderr.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task A_ServiceAccount_token_stops_working_once_the_account_is_deleted()
    {
        fx.Seed("""
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: short-lived, namespace: default}
            """);
        using var http = fx.Http(fx.Server.IssueServiceAccountToken("default", "short-lived"));

        using var before = await http.GetAsync("version");
        fx.Store.Delete("v1", "serviceaccounts", "default", "short-lived");
        using var after = await http.GetAsync("version");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
            JsonNode.Parse(await after.Content.ReadAsStringAsync())!.ToJsonString());
    }

    [Fact]
    public async Task Anonymous_requests_see_version_and_health_but_not_discovery()
    {
        using var anonymous = fx.Http(null);

        using var version = await anonymous.GetAsync("version");
        using var healthz = await anonymous.GetAsync("healthz");
        using var api = await anonymous.GetAsync("api");
        using var nodes = await anonymous.GetAsync("api/v1/nodes");

        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("forbidden: User \"system:anonymous\" cannot get path \"/api\"", JsonNode.Parse(await api.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        Assert.Equal(
            "nodes is forbidden: User \"system:anonymous\" cannot list resource \"nodes\" in API group \"\" at the cluster scope",
            JsonNode.Parse(await nodes.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Any_authenticated_user_may_discover_but_not_read()
    {
        var kubectl = fx.KubectlAs(fx.UserToken("nobody"), "nobody");

        var resources = await kubectl.RunAsync("api-resources", "--api-group=rbac.authorization.k8s.io", "-o", "name");
        var nodes = await kubectl.RunAsync("get", "nodes");

        Assert.True(resources.ExitCode == 0, resources.ToString());
        Assert.Contains("clusterroles.rbac.authorization.k8s.io", resources.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            "Error from server (Forbidden): nodes is forbidden: User \"nobody\" cannot list resource \"nodes\" in API group \"\" at the cluster scope",
            nodes.Stderr.Trim());
    }

    [Fact]
    public async Task Kubectl_auth_can_i_answers_from_the_same_rules()
    {
        var patchNodes = await fx.Operator.RunAsync("auth", "can-i", "patch", "nodes");
        var deleteNodes = await fx.Operator.RunAsync("auth", "can-i", "delete", "nodes");
        var evict = await fx.Operator.RunAsync("auth", "can-i", "create", "pods", "--subresource=eviction", "-n", "windows-apps");
        var ownLease = await fx.Operator.RunAsync("auth", "can-i", "update", "leases/windows-node-operator", "-n", RbacServerFixture.OperatorNamespace);
        var otherLease = await fx.Operator.RunAsync("auth", "can-i", "update", "leases/other", "-n", RbacServerFixture.OperatorNamespace);

        Assert.Equal(["yes", "no", "yes", "yes", "no"], new[] { patchNodes, deleteNodes, evict, ownLease, otherLease }.Select(r => r.Stdout.Trim()));
        Assert.Equal(1, deleteNodes.ExitCode);
    }

    [Fact]
    public async Task The_administrator_in_system_masters_is_never_denied()
    {
        fx.Seed(Node("rbac-admin-n"));

        var delete = await fx.Admin.RunAsync("delete", "node", "rbac-admin-n");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Null(fx.Store.Find("v1", "nodes", null, "rbac-admin-n"));
        Assert.Contains(fx.Server.Access.Of("kubernetes-admin"), d => d.Allowed && d.Request.Verb == "delete" && d.Request.Resource == "nodes");
    }

    private static string Node(string name) => $$"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {{name}}
          labels: {kubernetes.io/os: windows}
        """;

    private static string Pod(string ns, string name, string node) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{ns}}
        spec:
          nodeName: {{node}}
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
        """;

    private static StringContent Eviction(string ns, string name) => new(
        new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "Eviction",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        }.ToJsonString(),
        Encoding.UTF8,
        "application/json");
}
