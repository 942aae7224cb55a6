using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace WindowsNodeOperator.Tests.Aws.Moto;

[Collection(MotoCollectionDefinition.Name)]
public sealed class MotoServerTests(MotoServer moto) : IAsyncLifetime
{
    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Answers_on_loopback_and_reset_forgets_state()
    {
        Assert.Equal("127.0.0.1", moto.Endpoint.Host);
        using var ssm = new AmazonSimpleSystemsManagementClient(
            moto.Credentials,
            new AmazonSimpleSystemsManagementConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoServer.Region });
        await ssm.PutParameterAsync(new PutParameterRequest { Name = "/moto/smoke", Value = "1", Type = ParameterType.String });
        Assert.Equal("1", (await ssm.GetParameterAsync(new GetParameterRequest { Name = "/moto/smoke" })).Parameter.Value);

        await moto.ResetAsync();

        await Assert.ThrowsAsync<ParameterNotFoundException>(
            () => ssm.GetParameterAsync(new GetParameterRequest { Name = "/moto/smoke" }));
    }
}
