package dev.netpollab.cli;

import dev.netpollab.lab.AppHome;
import dev.netpollab.shell.WorkshopRunner;
import dev.netpollab.workshop.WorkshopLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "join", description = "Join an instructor's workshop: your usual shell on your own lab, with the workshop's tasks, its clock "
        + "and the instructor's messages. Every check and submit is sent to the instructor (kept and re-sent while the server is away).",
        footer = {"", "Example:", "  netpol-lab join http://192.168.1.20:8088 --code ABC123 --name alice",
                "", "Joining again with the same address and name takes your seat back, with your last sent work."})
public class JoinCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", description = "The workshop's address, as your instructor shows it: http://HOST:PORT.")
    String url;

    @Option(names = "--code", required = true, paramLabel = "CODE", description = "The join code your instructor gives out.")
    String code;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Your name on the scoreboard (1 to 40 characters).")
    String name;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() throws Exception {
        LabChooser.Choice choice = LabChooser.choose(global);
        WorkshopLink link = WorkshopLink.connect(url, code, name, choice.kind(), AppHome.dir());
        boolean piped = System.console() == null;
        return WorkshopRunner.run(new WorkshopRunner.Options(link, choice.handle(), global.noColor, Clock.systemUTC(),
                piped ? System.in : null, piped ? System.out : null));
    }
}
