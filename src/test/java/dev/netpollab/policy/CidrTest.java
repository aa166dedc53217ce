package dev.netpollab.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CidrTest {
    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "0.0.0.0/0, 169.254.169.254, true",
            "169.254.169.254/32, 169.254.169.254, true",
            "169.254.169.254/32, 169.254.169.253, false",
            "10.1.2.3/16, 10.1.99.1, true",
            "2001:db8::/64, 2001:db8::1, true",
            "2001:db8::/64, 2001:db9::1, false",
            "::/0, ::1, true",
            "10.0.0.0/8, 2001:db8::1, false",
            "::ffff:10.0.0.0/104, ::ffff:10.1.2.3, true"
    })
    void contains(String cidr, String ip, boolean expected) {
        assertThat(Cidr.parse(cidr).orElseThrow().contains(Cidr.parseAddress(ip).orElseThrow())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0/8", "10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "10.0.0.0/-1", "a.b.c.d/8", "2001:db8:::/64",
            "1:2:3:4:5:6:7:8:9/64", "10.0.0.0/8/8", "", "::/129", "10.0.0.01234/8"})
    void rejectsInvalid(String cidr) {
        assertThat(Cidr.parse(cidr)).isEmpty();
    }

    @ParameterizedTest(name = "{0} strictly contains {1}: {2}")
    @CsvSource({"10.0.0.0/8, 10.1.0.0/16, true", "10.0.0.0/8, 10.0.0.0/8, false", "10.0.0.0/16, 10.0.0.0/8, false",
            "10.0.0.0/8, 11.0.0.0/16, false", "0.0.0.0/0, 169.254.169.254/32, true"})
    void strictlyContains(String outer, String inner, boolean expected) {
        assertThat(Cidr.parse(outer).orElseThrow().strictlyContains(Cidr.parse(inner).orElseThrow())).isEqualTo(expected);
    }
}
