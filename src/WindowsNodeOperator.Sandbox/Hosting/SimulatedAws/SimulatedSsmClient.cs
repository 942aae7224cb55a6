using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using WindowsNodeOperator.Sandbox.Cloud;

namespace WindowsNodeOperator.Sandbox.Hosting.SimulatedAws;

/// <summary>
/// The SDK's SSM client, answered by the simulated account, so the real <c>SsmParameterReader</c> and
/// <c>SsmAmiCatalog</c> (cache, TTL, batching) run unchanged. A subclass for the reason given on <see cref="SimulatedEc2Client"/>.
/// </summary>
internal sealed class SimulatedSsmClient(SimulatedCloud cloud)
    : AmazonSimpleSystemsManagementClient(SimulatedSdkConfig.Credentials, SimulatedSdkConfig.Create<AmazonSimpleSystemsManagementConfig>(cloud.Options.Region))
{
    public override Task<GetParametersResponse> GetParametersAsync(GetParametersRequest request, CancellationToken cancellationToken = default) =>
        SimulatedAwsErrors.RunAsync(
            () =>
            {
                var answer = cloud.Ssm.GetParameters(request.Names ?? []);
                return new GetParametersResponse
                {
                    Parameters = [.. answer.Parameters.Select(p => new Parameter
                    {
                        Name = p.Name,
                        Value = p.Value,
                        Version = p.Version,
                        LastModifiedDate = p.LastModifiedDate.UtcDateTime,
                        Type = ParameterType.String,
                        DataType = "text",
                        ARN = Arn(p.Name),
                    })],
                    InvalidParameters = [.. answer.InvalidParameters],
                };
            },
            SimulatedAwsErrors.Ssm,
            cancellationToken);

    // Public parameters (/aws/service/...) have no account in their ARN; the simulated account is AWS's example one.
    private string Arn(string name) =>
        $"arn:aws:ssm:{cloud.Options.Region}:{(name.StartsWith("/aws/service/", StringComparison.Ordinal) ? string.Empty : "111122223333")}:parameter{(name.StartsWith('/') ? string.Empty : "/")}{name}";
}
