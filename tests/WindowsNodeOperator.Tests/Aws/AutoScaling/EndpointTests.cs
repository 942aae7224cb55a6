using Amazon.Runtime;
using WindowsNodeOperator.Aws;
using WindowsNodeOperator.Aws.AutoScaling;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

public sealed class EndpointTests
{
    [Fact]
    public void Defaults_to_the_regional_endpoint()
    {
        Assert.Equal(new Uri("https://autoscaling.eu-west-1.amazonaws.com"), AutoScalingEndpoint.Resolve(null, "eu-west-1", Env()));
        Assert.Equal(new Uri("https://autoscaling.cn-north-1.amazonaws.com.cn"), AutoScalingEndpoint.Resolve(null, "cn-north-1", Env()));
    }

    [Fact]
    public void Prefers_the_service_variable_over_the_global_one()
    {
        var env = Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"), ("AWS_ENDPOINT_URL_AUTO_SCALING", "http://127.0.0.1:5001"));

        Assert.Equal(new Uri("http://127.0.0.1:5001"), AutoScalingEndpoint.Resolve(null, "eu-west-1", env));
        Assert.Equal(new Uri("http://127.0.0.1:5000"), AutoScalingEndpoint.Resolve(null, "eu-west-1", Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"))));
    }

    [Fact]
    public void An_explicit_url_wins_and_the_ignore_switch_silences_the_variables()
    {
        var env = Env(("AWS_ENDPOINT_URL_AUTO_SCALING", "http://127.0.0.1:5001"));
        var vpc = new Uri("https://vpce-0a1b2c3d-autoscaling.eu-west-1.vpce.amazonaws.com");

        Assert.Equal(vpc, AutoScalingEndpoint.Resolve(vpc, "eu-west-1", env));
        Assert.Equal(
            new Uri("https://autoscaling.eu-west-1.amazonaws.com"),
            AutoScalingEndpoint.Resolve(null, "eu-west-1", Env(("AWS_ENDPOINT_URL_AUTO_SCALING", "http://127.0.0.1:5001"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))));
    }

    [Fact]
    public void The_factory_uses_the_configured_region_and_the_environment()
    {
        var credentials = new AnonymousAWSCredentials();
        var client = AutoScalingClientFactory.Create(
            new AwsClientOptions { Region = "ap-southeast-2", Credentials = credentials }, TimeProvider.System, Env(), transport: null);
        var local = AutoScalingClientFactory.Create(
            new AwsClientOptions { Region = "us-east-1", Credentials = credentials }, TimeProvider.System, Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")), transport: null);
        var pinned = AutoScalingClientFactory.Create(
            new AwsClientOptions { Region = "us-east-1", EndpointUrl = "http://127.0.0.1:5000/", Credentials = credentials },
            TimeProvider.System, Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")), transport: null);

        Assert.Equal(new Uri("https://autoscaling.ap-southeast-2.amazonaws.com"), client.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), local.Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), pinned.Endpoint);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
