using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Tests.Schema;

public sealed class CustomResourceDefinitionLoaderTests
{
    [Fact]
    public void Loads_the_project_crds_with_names_scope_subresources_and_columns()
    {
        var crds = CustomResourceDefinitionLoader.LoadDirectory(RepositoryRoot.Combine("manifests", "crd"));

        var policy = Assert.Single(crds, c => c.Name == "windowsnodepolicies.windowsnode.io");
        Assert.Equal("windowsnode.io", policy.Group);
        Assert.Equal("Cluster", policy.Scope);
        Assert.False(policy.IsNamespaced);
        Assert.Equal(
            ("windowsnodepolicies", "windowsnodepolicy", "WindowsNodePolicy", "WindowsNodePolicyList"),
            (policy.Names.Plural, policy.Names.Singular, policy.Names.Kind, policy.Names.ListKind));
        Assert.Equal(["wnp"], policy.Names.ShortNames);
        Assert.Equal(["windowsnode"], policy.Names.Categories);
        var version = policy.StorageVersion;
        Assert.Equal("v1alpha1", version.Name);
        Assert.True(version.Served);
        Assert.True(version.Subresources.Status);
        Assert.Null(version.Subresources.Scale);
        Assert.Equal(["Ready", "Nodes", "Expired", "Drifted", "Refresh", "Next Expiry", "Age"], version.PrinterColumns.Select(c => c.Name));
        Assert.Equal(".status.conditions[?(@.type==\"Ready\")].status", version.PrinterColumns[0].JsonPath);
        Assert.Equal("string", version.PrinterColumns[5].Type);
        Assert.Equal("date", version.PrinterColumns[6].Type);
    }

    [Fact]
    public void Skips_other_kinds_and_names_the_path_of_a_bad_schema()
    {
        const string yaml = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: x}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: things.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: things, kind: Thing}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec: {properties: {a: {type: string}}}
            """;

        var ex = Assert.Throws<StructuralSchemaException>(() => CustomResourceDefinitionLoader.Parse(yaml));

        Assert.Equal("spec.versions[0].schema.openAPIV3Schema.properties[spec].type", ex.Path);
    }

    [Fact]
    public void Defaults_singular_and_list_kind()
    {
        const string yaml = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: things.example.com}
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: things, kind: Thing}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema: {openAPIV3Schema: {type: object}}
            """;

        var crd = Assert.Single(CustomResourceDefinitionLoader.Parse(yaml));

        Assert.Equal("thing", crd.Names.Singular);
        Assert.Equal("ThingList", crd.Names.ListKind);
        Assert.True(crd.IsNamespaced);
        Assert.Equal("things.example.com", crd.Manifest["metadata"]!["name"]!.GetValue<string>());
    }
}
