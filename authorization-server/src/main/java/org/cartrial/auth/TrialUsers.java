package org.cartrial.auth;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The people who sign in at the local authorization server: one demo user per cross-site role ({@code admin},
 * {@code safety.officer}, {@code analyst}) and per site-bound role and site ({@code coordinator.s01},
 * {@code investigator.s01}, ...), plus the users an admin adds later. Each has one role and, for the site-bound
 * roles, one site: the same {@code roles} and {@code sites} claims the client-credentials tokens carry. Passwords are
 * generated, kept in a properties file readable only by its owner ({@code name=role;SITE;password}) and never logged;
 * in memory only their hashes are kept.
 */
final class TrialUsers implements UserDetailsService {

    /** User names: lower case letters, digits, dot, dash, underscore; 3-40 characters. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,39}");

    /** A person: their user name (the {@code sub} of their tokens), one role, the sites they act for. */
    record Person(String name, String role, List<String> sites) {

        Person {
            sites = List.copyOf(sites);
        }
    }

    private record Account(Person person, String passwordHash) {
    }

    private final Path file;
    private final PasswordEncoder encoder;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private TrialUsers(Path file, PasswordEncoder encoder) {
        this.file = file;
        this.encoder = encoder;
    }

    /** The users in the file, with the demo users of every configured site added (and saved) where missing. */
    static TrialUsers load(List<String> sites, Path file, PasswordEncoder encoder) {
        TrialUsers users = new TrialUsers(file, encoder);
        synchronized (users) {
            Properties stored = read(file);
            boolean changed = false;
            List<String[]> demo = new ArrayList<>();
            demo.add(new String[] {"admin", "admin", ""});
            demo.add(new String[] {"safety.officer", "safety-officer", ""});
            demo.add(new String[] {"analyst", "analyst", ""});
            for (String site : sites) {
                demo.add(new String[] {"coordinator." + site.toLowerCase(), "site-coordinator", site});
                demo.add(new String[] {"investigator." + site.toLowerCase(), "investigator", site});
            }
            for (String[] d : demo) {
                if (!stored.containsKey(d[0])) {
                    stored.setProperty(d[0], d[1] + ";" + d[2] + ";" + users.newPassword());
                    changed = true;
                }
            }
            for (String name : stored.stringPropertyNames()) {
                String[] parts = stored.getProperty(name).split(";", 3);
                if (parts.length != 3) {
                    throw new IllegalStateException("the users file " + file + " has an unreadable line for '" + name + "'");
                }
                List<String> userSites = parts[1].isBlank() ? List.of() : List.of(parts[1].trim());
                users.accounts.put(name, new Account(new Person(name, parts[0], userSites), encoder.encode(parts[2])));
            }
            if (changed) {
                write(file, stored);
            }
        }
        return users;
    }

    /**
     * Adds a person (an admin registering a site creates its first users): a new password is made, saved with the
     * others and returned once; an existing name is refused.
     */
    synchronized String add(Person person) {
        if (!NAME.matcher(person.name()).matches()) {
            throw new IllegalArgumentException("user-name-format");
        }
        boolean siteBound = TrialClients.SITE_BOUND_ROLES.contains(person.role());
        if (!siteBound && !TrialClients.CROSS_SITE_ROLES.contains(person.role())) {
            throw new IllegalArgumentException("unknown-role");
        }
        if (siteBound != (person.sites().size() == 1)
                || !person.sites().stream().allMatch(s -> AuthSettings.SITE.matcher(s).matches())) {
            throw new IllegalArgumentException("site-required-for-site-bound-role-only");
        }
        if (accounts.containsKey(person.name())) {
            throw new IllegalStateException("user-exists");
        }
        String password = newPassword();
        Properties stored = read(file);
        stored.setProperty(person.name(), person.role() + ";" + String.join("", person.sites()) + ";" + password);
        write(file, stored);
        accounts.put(person.name(), new Account(person, encoder.encode(password)));
        return password;
    }

    Optional<Person> person(String name) {
        return Optional.ofNullable(accounts.get(name)).map(Account::person);
    }

    List<Person> all() {
        return accounts.values().stream().map(Account::person)
                .sorted(java.util.Comparator.comparing(Person::name)).toList();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.get(username);
        if (account == null) {
            throw new UsernameNotFoundException("no such user");
        }
        return User.withUsername(username).password(account.passwordHash())
                .authorities(new SimpleGrantedAuthority("ROLE_" + account.person().role().toUpperCase().replace('-', '_')))
                .build();
    }

    private String newPassword() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Properties read(Path file) {
        return SecretFile.read(file, "users file");
    }

    private static void write(Path file, Properties users) {
        SecretFile.write(file,
                "people who sign in at the local authorization server: name=role;site;password (never commit)", users,
                "users file");
    }
}
