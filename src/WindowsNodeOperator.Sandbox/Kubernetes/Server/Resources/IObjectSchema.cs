using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;

/// <summary>What the server needs of a custom resource's structural schema.</summary>
internal interface IObjectSchema
{
    JsonNode OpenApiV3Schema { get; }

    void Prune(JsonObject obj);

    void ApplyDefaults(JsonObject obj);

    IReadOnlyList<FieldProblem> Validate(JsonObject obj);
}
