using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Tables;
using WindowsNodeOperator.Sandbox.Tests.Kubernetes.Patching;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Tables;

public sealed class TablePrinterTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static JsonArray Cells(string apiVersion, string kind, string obj, TableColumns? columns = null)
    {
        var table = TablePrinter.Print([JsonNode.Parse(obj)!.AsObject()], columns ?? TableColumns.For(apiVersion, kind), Now);
        return table["rows"]![0]!["cells"]!.AsArray();
    }

    private static string[] Names(TableColumns columns) => columns.Columns.Select(c => c.Name).ToArray();

    [Fact]
    public void Node_rows_show_status_roles_age_version_and_wide_columns()
    {
        var cells = Cells("v1", "Node", """
            {"metadata":{"name":"ip-10-0-1-5","creationTimestamp":"2025-01-15T12:00:00Z","labels":{"node-role.kubernetes.io/worker":"","kubernetes.io/role":"windows"}},
             "spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
                       "addresses":[{"type":"InternalIP","address":"10.0.1.5"},{"type":"Hostname","address":"h"}],
                       "nodeInfo":{"kubeletVersion":"v1.31.2-eks","osImage":"Windows Server 2022 Datacenter","kernelVersion":"10.0.20348.2849","containerRuntimeVersion":"containerd://1.7.20"}}}
            """);

        TestJson.Equal("""["ip-10-0-1-5","Ready,SchedulingDisabled","windows,worker","45d","v1.31.2-eks","10.0.1.5","<none>","Windows Server 2022 Datacenter","10.0.20348.2849","containerd://1.7.20"]""", cells);
        Assert.Equal(["Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"], Names(TableColumns.For("v1", "Node")));
    }

    [Theory]
    [InlineData("""[{"type":"Ready","status":"False"}]""", "NotReady")]
    [InlineData("""[{"type":"Ready","status":"Unknown"}]""", "NotReady")]
    [InlineData("""[]""", "Unknown")]
    public void Node_status_reads_the_ready_condition(string conditions, string expected)
    {
        var cells = Cells("v1", "Node", """{"metadata":{"name":"n"},"status":{"conditions":""" + conditions + "}}");

        Assert.Equal(expected, (string?)cells[1]);
        Assert.Equal("<none>", (string?)cells[2]);
        Assert.Equal("<unknown>", (string?)cells[3]);
    }

    [Fact]
    public void Pod_rows_show_readiness_status_restarts_and_placement()
    {
        var cells = Cells("v1", "Pod", """
            {"metadata":{"name":"web-1","creationTimestamp":"2025-03-01T11:00:00Z"},
             "spec":{"nodeName":"ip-10-0-1-5","containers":[{"name":"a"},{"name":"b"}]},
             "status":{"phase":"Running","podIP":"10.0.1.9",
               "containerStatuses":[
                 {"name":"a","ready":true,"restartCount":2,"state":{"running":{}},"lastState":{"terminated":{"finishedAt":"2025-03-01T11:55:00Z"}}},
                 {"name":"b","ready":false,"restartCount":1,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """);

        TestJson.Equal("""["web-1","1/2","CrashLoopBackOff","3 (5m ago)","60m","10.0.1.9","ip-10-0-1-5","<none>","<none>"]""", cells);
    }

    [Fact]
    public void Deleting_pods_show_terminating_and_pending_ones_their_phase()
    {
        var deleting = Cells("v1", "Pod", """{"metadata":{"name":"p","deletionTimestamp":"2025-03-01T11:59:00Z"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running"}}""");
        var pending = Cells("v1", "Pod", """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending"}}""");

        Assert.Equal("Terminating", (string?)deleting[2]);
        Assert.Equal(("0/1", "Pending", "0"), ((string?)pending[1], (string?)pending[2], (string?)pending[3]));
    }

    [Fact]
    public void Pdb_rows_show_both_budgets_and_allowed_disruptions()
    {
        var cells = Cells("policy/v1", "PodDisruptionBudget", """
            {"metadata":{"name":"web","creationTimestamp":"2025-03-01T10:00:00Z"},"spec":{"minAvailable":"50%"},"status":{"disruptionsAllowed":1}}
            """);

        TestJson.Equal("""["web","50%","N/A",1,"120m"]""", cells);
        Assert.Equal("integer", TableColumns.For("policy/v1", "PodDisruptionBudget").Columns[3].Type);
    }

    [Fact]
    public void Event_rows_show_last_seen_counts_and_target()
    {
        var cells = Cells("v1", "Event", """
            {"metadata":{"name":"n1.17a"},"type":"Normal","reason":"NodeDrained","message":" drained ",
             "involvedObject":{"kind":"Node","name":"n1"},"source":{"component":"windows-node-operator"},
             "firstTimestamp":"2025-03-01T11:00:00Z","lastTimestamp":"2025-03-01T11:58:00Z","count":3}
            """);

        TestJson.Equal("""["2m (x3 over 60m)","Normal","NodeDrained","node/n1","","windows-node-operator","drained","60m","3","n1.17a"]""", cells);
    }

    [Fact]
    public void Workloads_namespaces_and_leases_have_their_columns()
    {
        Assert.Equal(["Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers", "Images", "Selector"], Names(TableColumns.For("apps/v1", "DaemonSet")));
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], Names(TableColumns.For("apps/v1", "Deployment")));
        Assert.Equal(["Name", "Status", "Age"], Names(TableColumns.For("v1", "Namespace")));
        Assert.Equal(["Name", "Holder", "Age"], Names(TableColumns.For("coordination.k8s.io/v1", "Lease")));
        Assert.Equal(["Name", "Created At"], Names(TableColumns.For("apiextensions.k8s.io/v1", "CustomResourceDefinition")));
        Assert.Equal(["Name", "Age"], Names(TableColumns.For("v1", "ConfigMap")));

        var ds = Cells("apps/v1", "DaemonSet", """
            {"metadata":{"name":"aws-node"},"spec":{"selector":{"matchLabels":{"k8s-app":"aws-node"}},
             "template":{"spec":{"nodeSelector":{"kubernetes.io/os":"windows"},"containers":[{"name":"c","image":"i:1"}]}}},
             "status":{"desiredNumberScheduled":3,"currentNumberScheduled":3,"numberReady":2,"updatedNumberScheduled":3,"numberAvailable":2}}
            """);
        TestJson.Equal("""["aws-node",3,3,2,3,2,"kubernetes.io/os=windows","<unknown>","c","i:1","k8s-app=aws-node"]""", ds);
    }

    [Fact]
    public void Crd_columns_follow_additional_printer_columns()
    {
        var crd = JsonNode.Parse("""
            {"spec":{"versions":[{"name":"v1alpha1","additionalPrinterColumns":[
              {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\"Ready\")].status"},
              {"name":"Nodes","type":"integer","jsonPath":".status.nodeCount"},
              {"name":"Ratio","type":"number","jsonPath":".status.ratio","priority":1},
              {"name":"Paused","type":"boolean","jsonPath":".spec.paused"},
              {"name":"Max Age","type":"string","jsonPath":".spec.maxNodeAge","description":"How old a node may get"},
              {"name":"Last Refresh","type":"date","jsonPath":".status.lastRefreshTime"},
              {"name":"Bad Date","type":"date","jsonPath":".spec.maxNodeAge"}]}]}}
            """)!.AsObject();
        var columns = TableColumns.ForCustomResource(crd, "v1alpha1");

        var cells = Cells("x", "y", """
            {"metadata":{"name":"default"},"spec":{"maxNodeAge":"45d","paused":false},
             "status":{"nodeCount":4.0,"ratio":0.5,"lastRefreshTime":"2025-03-01T09:00:00Z","conditions":[{"type":"Ready","status":"True"}]}}
            """, columns);

        TestJson.Equal("""["default","True",4,0.5,false,"45d","3h","<invalid>"]""", cells);
        Assert.Equal(["Name", "Ready", "Nodes", "Ratio", "Paused", "Max Age", "Last Refresh", "Bad Date"], Names(columns));
        Assert.Equal("How old a node may get", columns.Columns[5].Description);
        Assert.Equal("Custom resource definition column (in JSONPath format): .status.nodeCount", columns.Columns[2].Description);
        Assert.Equal(1, columns.Columns[3].Priority);
    }

    [Fact]
    public void Crd_without_columns_gets_name_and_age_and_missing_values_are_null()
    {
        var bare = TableColumns.ForCustomResource(null);
        var withColumn = TableColumns.ForCustomResource(JsonNode.Parse("""[{"name":"Phase","type":"string","jsonPath":".status.phase"}]""")!.AsArray());

        Assert.Equal(["Name", "Age"], Names(bare));
        Assert.Equal("""["x","120m"]""", Cells("a", "b", """{"metadata":{"name":"x","creationTimestamp":"2025-03-01T10:00:00Z"}}""", bare).ToJsonString());
        Assert.Equal("""["x",null]""", Cells("a", "b", """{"metadata":{"name":"x"}}""", withColumn).ToJsonString());
    }

    [Fact]
    public void Table_carries_definitions_rows_and_the_requested_object()
    {
        var node = JsonNode.Parse("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"n","resourceVersion":"7"},"spec":{}}""")!.AsObject();

        var metadata = TablePrinter.Print([node], TableColumns.Default, Now, IncludeObject.Metadata, resourceVersion: "42");
        var full = TablePrinter.Print([node], TableColumns.Default, Now, IncludeObject.Object);
        var none = TablePrinter.Print([node], TableColumns.Default, Now, IncludeObject.None);

        Assert.Equal(("Table", "meta.k8s.io/v1", "42"), ((string?)metadata["kind"], (string?)metadata["apiVersion"], (string?)metadata["metadata"]!["resourceVersion"]));
        Assert.Equal(
            """{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names","priority":0}""",
            metadata["columnDefinitions"]![0]!.ToJsonString());
        Assert.Equal("""{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"n","resourceVersion":"7"}}""", metadata["rows"]![0]!["object"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(node, full["rows"]![0]!["object"]));
        Assert.False(none["rows"]![0]!.AsObject().ContainsKey("object"));
    }

    [Theory]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", "meta.k8s.io/v1")]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json", "meta.k8s.io/v1beta1")]
    [InlineData("application/json", null)]
    [InlineData("application/json, application/json;as=Table;v=v1;g=meta.k8s.io", null)]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io", null)]
    [InlineData(null, null)]
    public void Negotiates_the_table_media_type(string? accept, string? expected)
    {
        Assert.Equal(expected, TablePrinter.NegotiateTable(accept));
    }
}
