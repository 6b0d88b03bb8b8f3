package doctor

// Prediction is what one mbedTLS line returns for one way of passing the
// buffer. (Filled in when mbedsim lands.)
type Prediction struct{}
