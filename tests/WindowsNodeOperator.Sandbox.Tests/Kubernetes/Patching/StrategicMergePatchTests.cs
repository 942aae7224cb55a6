using WindowsNodeOperator.Sandbox.Kubernetes.Patching;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Patching;

public sealed class StrategicMergePatchTests
{
    private static readonly PatchMeta Pod = PatchMeta.For("v1/Pod");
    private static readonly PatchMeta Node = PatchMeta.For("v1/Node");

    private static string Apply(string target, string patch, PatchMeta meta) =>
        StrategicMergePatch.Apply(TestJson.Parse(target), TestJson.Parse(patch), meta).ToJsonString();

    [Fact]
    public void Merges_containers_by_name_and_keeps_the_others()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}""",
            """{"spec":{"containers":[{"name":"b","image":"b:2"}]}}""",
            Pod);

        TestJson.Equal("""{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"}]}}""", TestJson.Parse(result));
    }

    [Fact]
    public void A_new_item_goes_first_unless_set_element_order_places_it()
    {
        const string pod = """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""";

        var unordered = Apply(pod, """{"spec":{"containers":[{"name":"c"}]}}""", Pod);
        var ordered = Apply(pod, """{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"},{"name":"c"}],"containers":[{"name":"c"}]}}""", Pod);

        TestJson.Equal("""{"spec":{"containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}}""", TestJson.Parse(unordered));
        TestJson.Equal("""{"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}}""", TestJson.Parse(ordered));
    }

    [Fact]
    public void Set_element_order_reorders_without_a_content_change()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}""",
            Pod);

        TestJson.Equal("""{"spec":{"containers":[{"name":"b"},{"name":"a","image":"x"}]}}""", TestJson.Parse(result));
    }

    [Fact]
    public void Merges_nested_lists_by_their_own_keys()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}],"ports":[{"containerPort":80,"name":"http"}],"volumeMounts":[{"mountPath":"/data","name":"d"}]}]}}""",
            """{"spec":{"containers":[{"name":"a","env":[{"name":"Y","value":"3"}],"ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}}""",
            Pod);

        TestJson.Equal(
            """{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","value":"3"}],"ports":[{"containerPort":80,"name":"http","protocol":"TCP"}],"volumeMounts":[{"mountPath":"/data","name":"d","readOnly":true}]}]}}""",
            TestJson.Parse(result));
    }

    [Fact]
    public void Patch_delete_directive_removes_the_item_with_that_key()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}""",
            Pod);

        TestJson.Equal("""{"spec":{"containers":[{"name":"b"}]}}""", TestJson.Parse(result));
    }

    [Fact]
    public void Patch_replace_directive_in_a_list_replaces_the_whole_list()
    {
        var result = Apply(
            """{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b"}]}}""",
            """{"spec":{"containers":[{"name":"c"},{"$patch":"replace"}]}}""",
            Pod);

        TestJson.Equal("""{"spec":{"containers":[{"name":"c"}]}}""", TestJson.Parse(result));
    }

    [Fact]
    public void Patch_directives_on_maps_replace_or_delete_the_map()
    {
        const string node = """{"metadata":{"labels":{"a":"1","b":"2"},"annotations":{"x":"y"}}}""";

        var replaced = Apply(node, """{"metadata":{"labels":{"c":"3","$patch":"replace"}}}""", Node);
        var deleted = Apply(node, """{"metadata":{"annotations":{"$patch":"delete"}}}""", Node);

        TestJson.Equal("""{"metadata":{"labels":{"c":"3"},"annotations":{"x":"y"}}}""", TestJson.Parse(replaced));
        TestJson.Equal("""{"metadata":{"labels":{"a":"1","b":"2"},"annotations":{}}}""", TestJson.Parse(deleted));
    }

    [Fact]
    public void Null_deletes_a_field_and_labels_merge_as_maps()
    {
        var result = Apply(
            """{"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"unschedulable":true}}""",
            """{"metadata":{"labels":{"a":null,"c":"3"}},"spec":{"unschedulable":null}}""",
            Node);

        TestJson.Equal("""{"metadata":{"labels":{"b":"2","c":"3"}},"spec":{}}""", TestJson.Parse(result));
    }

    [Fact]
    public void Node_conditions_merge_by_type()
    {
        var result = Apply(
            """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady"},{"type":"MemoryPressure","status":"False"}]}}""",
            """{"status":{"conditions":[{"type":"Ready","status":"False","reason":"KubeletNotReady"}]}}""",
            Node);

        TestJson.Equal(
            """{"status":{"conditions":[{"type":"Ready","status":"False","reason":"KubeletNotReady"},{"type":"MemoryPressure","status":"False"}]}}""",
            TestJson.Parse(result));
    }

    [Fact]
    public void Taints_and_tolerations_have_no_merge_key_and_are_replaced()
    {
        var node = Apply(
            """{"spec":{"taints":[{"key":"a","effect":"NoSchedule"}]}}""",
            """{"spec":{"taints":[{"key":"b","effect":"NoExecute"}]}}""",
            Node);
        var pod = Apply(
            """{"spec":{"tolerations":[{"key":"a","operator":"Exists"}]}}""",
            """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}""",
            Pod);

        TestJson.Equal("""{"spec":{"taints":[{"key":"b","effect":"NoExecute"}]}}""", TestJson.Parse(node));
        TestJson.Equal("""{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}""", TestJson.Parse(pod));
    }

    [Fact]
    public void Finalizers_merge_as_a_set_and_delete_from_primitive_list_removes()
    {
        const string pod = """{"metadata":{"finalizers":["a","b"]}}""";

        var added = Apply(pod, """{"metadata":{"finalizers":["b","c"]}}""", Pod);
        var removed = Apply(pod, """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""", Pod);

        TestJson.Equal("""{"metadata":{"finalizers":["a","b","c"]}}""", TestJson.Parse(added));
        TestJson.Equal("""{"metadata":{"finalizers":["b"]}}""", TestJson.Parse(removed));
    }

    [Fact]
    public void Kubectl_apply_style_primitive_deletion_with_element_order()
    {
        var result = Apply(
            """{"metadata":{"finalizers":["a","b"]}}""",
            """{"metadata":{"$setElementOrder/finalizers":["b"],"$deleteFromPrimitiveList/finalizers":["a"]}}""",
            Pod);

        TestJson.Equal("""{"metadata":{"finalizers":["b"]}}""", TestJson.Parse(result));
    }

    [Fact]
    public void Set_element_order_must_agree_with_the_patch_list()
    {
        var error = Assert.Throws<PatchException>(() => Apply(
            """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
            """{"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"b"}]}}""",
            Pod));

        Assert.StartsWith("The order in patch list:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Owner_references_merge_by_uid()
    {
        var result = Apply(
            """{"metadata":{"ownerReferences":[{"uid":"1","kind":"ReplicaSet","name":"rs"}]}}""",
            """{"metadata":{"$setElementOrder/ownerReferences":[{"uid":"1"},{"uid":"2"}],"ownerReferences":[{"uid":"2","kind":"Node","name":"n"}]}}""",
            Pod);

        TestJson.Equal(
            """{"metadata":{"ownerReferences":[{"uid":"1","kind":"ReplicaSet","name":"rs"},{"uid":"2","kind":"Node","name":"n"}]}}""",
            TestJson.Parse(result));
    }

    [Fact]
    public void Retain_keys_clears_fields_not_listed()
    {
        var result = Apply(
            """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""",
            PatchMeta.For("apps/v1/Deployment"));

        TestJson.Equal("""{"spec":{"strategy":{"type":"Recreate"}}}""", TestJson.Parse(result));
    }

    [Fact]
    public void Retain_keys_must_list_every_patched_field()
    {
        var error = Assert.Throws<PatchException>(() => Apply(
            """{"spec":{"strategy":{}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}}""",
            PatchMeta.For("apps/v1/Deployment")));

        Assert.Equal("invalid patch format of retainKeys", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Workload_templates_use_the_pod_spec_keys()
    {
        var result = Apply(
            """{"spec":{"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"1"}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"2"}]}}}}""",
            PatchMeta.For("apps/v1/DaemonSet"));

        TestJson.Equal(
            """{"spec":{"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}}}""",
            TestJson.Parse(result));
    }

    [Fact]
    public void New_values_drop_nulls_and_directives()
    {
        var result = Apply(
            """{"spec":{}}""",
            """{"spec":{"nodeSelector":{"a":"1","b":null},"containers":[{"name":"a","image":null}]}}""",
            Pod);

        TestJson.Equal("""{"spec":{"nodeSelector":{"a":"1"},"containers":[{"name":"a"}]}}""", TestJson.Parse(result));
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"image":"x"}]}}""", "does not contain declared merge key: name")]
    [InlineData("""{"spec":{"containers":[{"name":"a","$patch":"merge"}]}}""", "merging lists cannot yet be specified in the patch")]
    [InlineData("""{"metadata":{"labels":{"$patch":"bogus"}}}""", "unknown patch type")]
    public void Refuses_bad_directives_and_missing_merge_keys(string patch, string message)
    {
        var error = Assert.Throws<PatchException>(() => Apply("""{"metadata":{"labels":{}},"spec":{"containers":[{"name":"a"}]}}""", patch, Pod));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_target_untouched()
    {
        var target = TestJson.Parse("""{"spec":{"containers":[{"name":"a","image":"1"}]}}""");

        StrategicMergePatch.Apply(target, TestJson.Parse("""{"spec":{"containers":[{"name":"a","image":"2"}]}}"""), Pod);

        TestJson.Equal("""{"spec":{"containers":[{"name":"a","image":"1"}]}}""", target);
    }

    [Theory]
    [InlineData("v1", "Node", true)]
    [InlineData("apps/v1", "Deployment", true)]
    [InlineData("policy/v1", "PodDisruptionBudget", true)]
    [InlineData("coordination.k8s.io/v1", "Lease", true)]
    [InlineData("windowsnodes.example.io/v1alpha1", "WindowsNodePolicy", false)]
    [InlineData("stable.example.com/v1", "CronTab", false)]
    public void Supports_built_in_kinds_only(string apiVersion, string kind, bool expected)
    {
        Assert.Equal(expected, PatchMeta.Supports(apiVersion, kind));
    }

    [Fact]
    public void Built_in_tables_carry_the_real_tags()
    {
        var pod = PatchMeta.For("v1", "Pod");

        Assert.Equal(PatchField.MergeBy("name", retainKeys: true), pod.Lookup("spec.volumes"));
        Assert.Equal(PatchField.MergeBy("containerPort"), pod.Lookup("spec.initContainers.ports"));
        Assert.Equal(PatchField.MergeBy("type"), pod.Lookup("status.conditions"));
        Assert.Null(pod.Lookup("spec.tolerations"));
        Assert.Equal(PatchField.MergeBy("type"), Node.Lookup("status.addresses"));
        Assert.Null(Node.Lookup("spec.taints"));
        Assert.Equal(PatchField.MergeSet, PatchMeta.For("coordination.k8s.io/v1/Lease").Lookup("metadata.finalizers"));
        Assert.Equal(PatchField.MergeBy("name"), PatchMeta.For("apps/v1/StatefulSet").Lookup("spec.template.spec.containers.env"));
    }
}
