using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;
using WindowsNodeOperator.Sandbox.Kubernetes.Server.Resources;
using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Mechanics;

/// <summary>The server's entry to structural schemas: a CRD version's schema as the server needs it.</summary>
internal static class SchemaEngine
{
    /// <exception cref="ArgumentException">The schema is not structural (the message names the path).</exception>
    public static IObjectSchema Compile(JsonNode openApiV3Schema)
    {
        try
        {
            return new Compiled(openApiV3Schema.DeepClone(), StructuralSchema.FromJson(openApiV3Schema));
        }
        catch (StructuralSchemaException ex)
        {
            throw new ArgumentException(ex.Message, nameof(openApiV3Schema), ex);
        }
    }

    private sealed class Compiled(JsonNode source, StructuralSchema schema) : IObjectSchema
    {
        public JsonNode OpenApiV3Schema => source;

        public void Prune(JsonObject obj) => schema.Prune(obj);

        public void ApplyDefaults(JsonObject obj) => schema.ApplyDefaults(obj);

        public IReadOnlyList<FieldProblem> Validate(JsonObject obj) =>
            schema.Validate(obj).Select(e => new FieldProblem(e.Field, e.Reason, e.Body)).ToList();
    }
}
