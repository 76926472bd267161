using Microsoft.Playwright;
using Monitoring.EndToEndTests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Monitoring.EndToEndTests;

/// <summary>CONTRACT §3's sign-in in a real Chromium: the form, the link, the cookie, and what a browser without a session gets.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SignInTests(DashboardFixture fixture)
{
    [Fact]
    public async Task SignInByForm_ShowsTheFleet_AndTheKeyIsNowhereThePageOrItsScriptsCanSee()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Monitoring" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "signin-form");

        await page.GetByLabel("API key").FillAsync(fixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet overview" })).ToBeVisibleAsync();
        await Expect(page.Locator("#live")).ToContainTextAsync("Live");
        Assert.Equal(new Uri(fixture.Server.BaseAddress, "/").ToString(), page.Url);
        Assert.DoesNotContain(fixture.AdminKey, await PageProbe.EverythingVisibleToScriptsAsync(page));
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "monitoring_session");
        Assert.True(cookie.HttpOnly, "the session cookie is HttpOnly");
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(fixture.AdminKey, cookie.Value);
    }

    [Fact]
    public async Task SignInByLink_RedirectsToTheDashboardWithoutTheKey_OnTheTenantTheLinkNames()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync($"/?key={Uri.EscapeDataString(fixture.AdminKey)}&tenant=link-tenant");

        Assert.Equal(200, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet overview" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Tenant", Exact = true })).ToHaveValueAsync("link-tenant");
        await Expect(page.GetByText("Tenant link-tenant · 0 devices")).ToBeVisibleAsync();
        Assert.Equal(new Uri(fixture.Server.BaseAddress, "/").ToString(), page.Url);
        Assert.DoesNotContain(fixture.AdminKey, await PageProbe.EverythingVisibleToScriptsAsync(page));
    }

    [Fact]
    public async Task AnAdminSession_OpensAnotherTenantFromThePicker_AndKeepsItAcrossViews()
    {
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, tenant: null);
        await Expect(page.GetByText("Tenant default · ")).ToBeVisibleAsync();
        var picker = page.GetByRole(AriaRole.Textbox, new() { Name = "Tenant", Exact = true });

        await picker.FillAsync("picked-tenant");
        await picker.PressAsync("Enter");

        await Expect(page.GetByText("Tenant picked-tenant · 0 devices")).ToBeVisibleAsync();
        Assert.Equal(new Uri(fixture.Server.BaseAddress, "/").ToString(), page.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "Devices", Exact = true }).ClickAsync();
        await Expect(page.GetByText("No devices match.")).ToBeVisibleAsync();
        await Expect(picker).ToHaveValueAsync("picked-tenant");
    }

    [Fact]
    public async Task WithoutASession_EveryViewShowsOnlyTheSignInForm_AndTheApiAnswers401()
    {
        var page = await fixture.NewPageAsync();
        foreach (var path in new[] { "/", "/#/cases", "/#/devices", "/?tenant=default" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
            await Expect(page.Locator("nav")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fleet overview" })).ToHaveCountAsync(0);
            Assert.Equal(0, await page.Locator("script").CountAsync());
        }

        Assert.Equal(401, await PageProbe.FetchStatusAsync(page, "/api/v1/tenants/default/fleet"));
        Assert.Equal(401, await PageProbe.FetchStatusAsync(page, "/dashboard/v1/tenants/default/breakdown"));
    }

    [Fact]
    public async Task AWrongKeyLink_IsRefused_AndLeavesNoKeyInTheAddressBar()
    {
        var page = await fixture.NewPageAsync();
        const string wrong = "mk_not-a-key-anyone-issued-000000";

        await page.GotoAsync($"/?key={wrong}");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");
        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        Assert.DoesNotContain(wrong, page.Url);
        Assert.Empty(await page.Context.CookiesAsync());
    }

    [Fact]
    public async Task AStateChangingCall_WithTheSessionCookieButNoAntiForgeryToken_IsRefused()
    {
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, "csrf-tenant");

        Assert.Equal(401, await PageProbe.FetchStatusAsync(page, "/api/v1/tenants/csrf-tenant/cases/c_unknown/acknowledge", "POST"));
        // With the page's token the same call is authenticated and reaches the endpoint, which knows no such case.
        Assert.Equal(404, await PageProbe.FetchStatusAsync(page, "/api/v1/tenants/csrf-tenant/cases/c_unknown/acknowledge", "POST", withCsrf: true));
    }

    [Fact]
    public async Task SigningOut_EndsTheSession_SoTheSameCookieNoLongerReachesTheApi()
    {
        var page = await fixture.SignedInPageAsync(fixture.AdminKey, "signout-tenant");
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "monitoring_session");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByLabel("API key")).ToBeVisibleAsync();
        using var replay = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/tenants/signout-tenant/fleet");
        request.Headers.Add("Cookie", $"monitoring_session={cookie.Value}");
        using var answer = await replay.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, answer.StatusCode);
    }
}
