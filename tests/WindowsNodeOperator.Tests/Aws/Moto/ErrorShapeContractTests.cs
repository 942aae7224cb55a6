using Amazon.Runtime.Internal;
using Amazon.SimpleSystemsManagement.Model;
using WindowsNodeOperator.Aws.Resilience;

namespace WindowsNodeOperator.Tests.Aws.Moto;

/// <summary>What an AWS error looks like once the SDK has read it: the shape the classifier relies on.</summary>
[Collection(MotoCollectionDefinition.Name)]
public sealed class ErrorShapeContractTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private readonly MotoAws _aws = new(moto);

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task A_service_error_carries_its_code_and_the_http_response_for_retry_after()
    {
        var error = await Assert.ThrowsAsync<ParameterNotFoundException>(() =>
            _aws.Ssm.GetParameterAsync(new GetParameterRequest { Name = "/windows-node-operator/test/absent" }));

        Assert.Equal("ParameterNotFound", error.ErrorCode);
        Assert.Equal(AwsErrorKind.Permanent, AwsErrorClassifier.Classify(error));
        Assert.Equal("ParameterNotFound", AwsErrorClassifier.Outcome(error));
        var response = Assert.IsType<HttpErrorResponseException>(error.InnerException).Response;
        Assert.NotNull(response);
        Assert.Null(AwsErrorClassifier.RetryAfter(error, DateTimeOffset.UnixEpoch));
    }
}
