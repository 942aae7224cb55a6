using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Aws.Ssm;

/// <summary>Reads AMI ids from SSM parameters with GetParameters, ten names a call.</summary>
internal sealed class SsmParameterReader(IAmazonSimpleSystemsManagement ssm, IAwsCallPipeline pipeline)
{
    /// <summary>GetParameters accepts at most ten names.</summary>
    public const int NamesPerCall = 10;

    /// <summary>
    /// The value of each name that exists, with its image id (null when it holds no AMI id) and LastModifiedDate; names that
    /// do not exist are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, ParameterValue>> GetImageIdsAsync(IReadOnlyCollection<string> names, CancellationToken ct)
    {
        var found = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(NamesPerCall))
        {
            var request = new GetParametersRequest { Names = [.. chunk] };
            var response = await pipeline.ExecuteAsync(
                AwsServices.Ssm, "GetParameters", safeToRepeat: true, c => ssm.GetParametersAsync(request, c), ct);
            foreach (var parameter in response.Parameters ?? [])
            {
                // A name may have been asked for by ARN or with a :version/:label selector.
                var asked = chunk.FirstOrDefault(n => n == parameter.Name || n == parameter.ARN || n == parameter.Name + parameter.Selector);
                if (asked is not null && parameter.Value is null)
                {
                    // Not a value that is no AMI id (a spec problem): an answer without the value, which fails the lookup
                    // instead of blaming the policy.
                    SkippedItems.Report(new SkippedItem("ssm:GetParameters", $"parameter {parameter.Name}", "Value", null, "the AMI lookup fails until the value is back"));
                    throw new AwsAnswerMalformedException(AwsServices.Ssm, "GetParameters", new FormatException($"Parameter {parameter.Name} came without its Value."));
                }

                if (asked is not null)
                {
                    found[asked] = new ParameterValue(
                        ImageIdOf(parameter.Value), parameter.LastModifiedDate is { } modified ? Ec2.AwsTime.ToUtc(modified) : null, parameter.Value ?? string.Empty);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// A plain <c>ami-...</c> value, or the <c>image_id</c> of a JSON one (as the parent EKS parameters hold); null for
    /// anything else, which must never reach a launch template.
    /// </summary>
    internal static string? ImageIdOf(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (!trimmed.StartsWith('{'))
        {
            return IsImageId(trimmed) ? trimmed : null;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return document.RootElement.TryGetProperty("image_id", out var id) && id.ValueKind == JsonValueKind.String && IsImageId(id.GetString())
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly System.Buffers.SearchValues<char> Hex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>EC2 image ids are <c>ami-</c> and lowercase hex (8 or 17 digits on AWS; any count is taken).</summary>
    private static bool IsImageId(string? value) =>
        value is { Length: > 4 } && value.StartsWith("ami-", StringComparison.Ordinal) && !value.AsSpan(4).ContainsAnyExcept(Hex);
}
