using System.Text;
using SignalFidelity.Sandbox;
using SignalFidelity.Worker.Alerts;
using SignalFidelity.Worker.Storage;

namespace SignalFidelity.Cli.Tests.Demo;

/// <summary>The sandbox's Slack incoming webhook over real HTTP: the worker's Slack channel posts to it; bad posts get Slack's answers.</summary>
public sealed class SlackWebhookSimulatorTests
{
    [Fact]
    public async Task The_worker_s_Slack_channel_posts_its_Block_Kit_message_and_the_webhook_keeps_it()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        using var http = new HttpClient();
        var message = new AlertMessage("drift", "Klaviyo", CheckLevel.Normal, CheckLevel.Warning, 3.5, 3.0, 4.1, 5000, 5000, 175, 2, 5, "/tmp/drift.html", DateTimeOffset.UtcNow);

        await new SlackAlertChannel(http, sandbox.SlackWebhookUrl).SendAsync(message, CancellationToken.None);

        var received = Assert.Single(sandbox.Slack.Messages);
        Assert.Equal(message.Headline, (string?)received["text"]);
        Assert.Equal("header", (string?)received["blocks"]![0]!["type"]);
    }

    [Theory]
    [InlineData("{not json", 400, "invalid_payload")]
    [InlineData("{\"attachments\":[]}", 400, "no_text")]
    public async Task A_post_Slack_would_refuse_is_refused_with_Slack_s_words_and_not_kept(string body, int status, string answer)
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        using var http = new HttpClient();
        using var response = await http.PostAsync(sandbox.SlackWebhookUrl, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync());
        Assert.Empty(sandbox.Slack.Messages);
    }

    [Fact]
    public async Task A_webhook_URL_that_does_not_exist_answers_404_no_service()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(sandbox.RootUrl, "slack/services/T1/B1/wrong"), new StringContent("{\"text\":\"hi\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("no_service", await response.Content.ReadAsStringAsync());
    }
}
